using System;
using System.Management.Automation;

namespace ZertoTasks.Parameters
{
    /// <summary>
    /// Binds -Type or -Status from names, numbers and wildcards (see <see cref="TaskFilterValues"/>)
    /// before PowerShell's own conversion could OR several names into one value.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class TaskFilterValuesAttribute : ArgumentTransformationAttribute
    {
        private readonly TaskFilterValues _values;

        public TaskFilterValuesAttribute(Type enumType) => _values = TaskFilterValues.Of(enumType);

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            try
            {
                return _values.Parse(inputData);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
