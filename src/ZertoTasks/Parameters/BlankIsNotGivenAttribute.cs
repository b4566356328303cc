using System;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Internal;

namespace ZertoTasks.Parameters
{
    /// <summary>
    /// Lets a blank value mean "not given", as an experienced user expects of an empty cell of
    /// Import-Csv: an empty or white-space text, or $null, becomes <see cref="NotGiven"/>, which
    /// must be the parameter's default. A value that is not a valid one of the parameter's type
    /// (text that does not convert, a name or number the enum lacks, or the marker itself)
    /// becomes <see cref="Invalid"/>, so the cmdlet can refuse it with an error naming the
    /// record's server, which a binding error could not.
    /// </summary>
    /// <remarks>
    /// Before each pipeline record PowerShell sets a parameter bound from the previous record
    /// back to its default, without transforming it, while MyInvocation.BoundParameters keeps
    /// the previous record's value: the property, not BoundParameters, says what this record gave.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class BlankIsNotGivenAttribute : ArgumentTransformationAttribute
    {
        private readonly Type _type;

        /// <param name="type">The parameter's type: int or an enum.</param>
        /// <param name="notGiven">The parameter's default, which says that no value was given.</param>
        /// <param name="invalid">What a value that is not valid becomes.</param>
        public BlankIsNotGivenAttribute(Type type, int notGiven, int invalid)
        {
            _type = type;
            NotGiven = Typed(notGiven);
            Invalid = Typed(invalid);
        }

        public object NotGiven { get; }

        public object Invalid { get; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || value == AutomationNull.Value || (value is string text && text.Trim().Length == 0))
            {
                return NotGiven;
            }

            bool valid = LanguagePrimitives.TryConvertTo(inputData, _type, CultureInfo.InvariantCulture, out object? converted)
                && converted != null
                && !converted.Equals(NotGiven)
                && (!_type.IsEnum || Enum.IsDefined(_type, converted));
            return valid ? converted! : Invalid;
        }

        private object Typed(int value) => _type.IsEnum ? Enum.ToObject(_type, value) : value;
    }
}
