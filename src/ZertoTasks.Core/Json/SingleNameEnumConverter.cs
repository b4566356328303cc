using System;
using System.ComponentModel;
using System.Globalization;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Converts one name or number to <typeparamref name="TEnum"/> and refuses "A,B". PowerShell
    /// otherwise ORs the names of any enum, flags or not: [ZvmTaskState]'Failed,Stopped' would be
    /// Stopped (4 | 5), a value nobody typed. PowerShell asks a type's TypeConverter before its
    /// own enum conversion, so this closes that door for casts and parameters alike.
    /// </summary>
    public sealed class SingleNameEnumConverter<TEnum> : EnumConverter
        where TEnum : struct, Enum
    {
        /// <summary>A converter for <typeparamref name="TEnum"/>.</summary>
        public SingleNameEnumConverter()
            : base(typeof(TEnum))
        {
        }

        /// <inheritdoc/>
        public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
        {
            if (value is string text && text.IndexOf(',') >= 0)
            {
                throw new FormatException(
                    $"'{text}' names more than one {typeof(TEnum).Name} value, and one value can hold only one. " +
                    "Give the values as separate items: Failed, Stopped rather than 'Failed,Stopped'.");
            }

            return base.ConvertFrom(context, culture, value)!;
        }
    }
}
