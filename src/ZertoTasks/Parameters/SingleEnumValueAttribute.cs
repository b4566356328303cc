using System;
using System.Collections;
using System.Management.Automation;

namespace ZertoTasks.Parameters
{
    /// <summary>
    /// Refuses several values for a single-valued enum parameter, as "Windows,Appliance" or as
    /// a list (-Kind Windows, Appliance). PowerShell would combine them bit by bit into a third
    /// value (Windows | Appliance is Appliance) and go on without a word.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class SingleEnumValueAttribute : ArgumentTransformationAttribute
    {
        private readonly Type _enumType;

        public SingleEnumValueAttribute(Type enumType) => _enumType = enumType;

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text && text.IndexOf(',') >= 0)
            {
                throw new ArgumentTransformationMetadataException(
                    $"'{text}' names more than one value; give one of: {string.Join(", ", Enum.GetNames(_enumType))}.");
            }

            if (value is ICollection list && list.Count > 1)
            {
                throw new ArgumentTransformationMetadataException(
                    $"{list.Count} values were given where one is taken; give one of: {string.Join(", ", Enum.GetNames(_enumType))}.");
            }

            return inputData;
        }
    }
}
