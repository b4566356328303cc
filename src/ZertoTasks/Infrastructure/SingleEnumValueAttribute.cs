using System;
using System.Management.Automation;

namespace ZertoTasks.Infrastructure
{
    /// <summary>
    /// Refuses several names in one enum argument ("FailOver,Move"). PowerShell would combine
    /// them bit by bit into a third, unrelated value (GetCheckpointList) and the ZVM would be
    /// asked for the wrong tasks without a word.
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

            return inputData;
        }
    }
}
