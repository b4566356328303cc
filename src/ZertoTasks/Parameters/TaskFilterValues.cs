using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using ZertoTasks.Names;

namespace ZertoTasks.Parameters
{
    /// <summary>
    /// The values of -Type or -Status: names in any case, numbers, wildcards ('Fail*'), mixed
    /// freely and each one checked, so the ZVM is only ever asked for values the user typed.
    /// FirstUnusedValue (0) is the API's placeholder, not a type or state: it is neither
    /// accepted nor listed (a ValidateRange on the parameter keeps it out of Tab completion).
    /// </summary>
    internal sealed class TaskFilterValues
    {
        public static readonly TaskFilterValues Types = new TaskFilterValues(
            typeof(ZvmTaskType), "task type", "Tab completes the names, and Get-ZvmTaskType lists the types a ZVM knows.");

        public static readonly TaskFilterValues States = new TaskFilterValues(
            typeof(ZvmTaskState), "task state", "Tab completes the names.");

        // Few enough to list in an error when nothing typed is close; the 68 types are not.
        private const int ListedInErrors = 10;

        private readonly Type _enumType;
        private readonly string _noun;
        private readonly string _hint;
        private readonly Dictionary<string, int> _numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _names = new List<string>();

        private TaskFilterValues(Type enumType, string noun, string hint)
        {
            _enumType = enumType;
            _noun = noun;
            _hint = hint;
            foreach (object value in Enum.GetValues(enumType))
            {
                if ((int)value != 0)
                {
                    _names.Add(value.ToString()!);
                    _numbers[value.ToString()!] = (int)value;
                }
            }
        }

        public static TaskFilterValues Of(Type enumType) => enumType == typeof(ZvmTaskType) ? Types : States;

        /// <summary>The distinct values <paramref name="input"/> names, as an array of the enum; an ArgumentException says what is wrong.</summary>
        public Array Parse(object? input)
        {
            var numbers = new List<int>();
            foreach (object? item in Items(input))
            {
                object? value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case null:
                        throw Refused($"A {_noun} cannot be null.");
                    case Enum member when member.GetType() == _enumType:
                        AddNumber(numbers, Convert.ToInt64(member, CultureInfo.InvariantCulture), member.ToString());
                        break;
                    case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _:
                        AddNumber(numbers, Convert.ToInt64(value, CultureInfo.InvariantCulture), value.ToString()!);
                        break;
                    default:
                        // 'Failed,Stopped' in quotes names two states, as Failed, Stopped does.
                        foreach (string part in value.ToString()!.Split(','))
                        {
                            AddText(numbers, part.Trim());
                        }

                        break;
                }
            }

            Array values = Array.CreateInstance(_enumType, numbers.Count);
            for (int i = 0; i < numbers.Count; i++)
            {
                values.SetValue(Enum.ToObject(_enumType, numbers[i]), i);
            }

            return values;
        }

        private static IEnumerable Items(object? input)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            return value is IEnumerable list && !(value is string) ? list : new[] { input };
        }

        private void AddText(List<int> numbers, string text)
        {
            if (text.Length == 0)
            {
                throw Refused($"An empty {_noun} names nothing. {_hint}");
            }

            if (WildcardPattern.ContainsWildcardCharacters(text))
            {
                var pattern = WildcardPattern.Get(text, WildcardOptions.IgnoreCase);
                List<string> matching = _names.FindAll(pattern.IsMatch);
                if (matching.Count == 0)
                {
                    throw Refused($"'{text}' matches no {_noun}. {_hint}");
                }

                matching.ForEach(name => AddOnce(numbers, _numbers[name]));
                return;
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
            {
                AddNumber(numbers, number, text);
            }
            else if (_numbers.TryGetValue(text, out int known))
            {
                AddOnce(numbers, known);
            }
            else
            {
                throw Refused($"'{text}' is not a {_noun}. {Suggestion(text)}");
            }
        }

        private void AddNumber(List<int> numbers, long number, string typed)
        {
            if (number == 0)
            {
                throw Refused($"{typed} is FirstUnusedValue, the API's placeholder, not a {_noun}. {_hint}");
            }

            if (number < 0 || number > int.MaxValue || !Enum.IsDefined(_enumType, (int)number))
            {
                throw Refused($"{typed} is not the number of a {_noun}: they run from 1 to {_names.Count}. {_hint}");
            }

            AddOnce(numbers, (int)number);
        }

        private static void AddOnce(List<int> numbers, int number)
        {
            if (!numbers.Contains(number))
            {
                numbers.Add(number);
            }
        }

        private string Suggestion(string typed)
        {
            List<string> closest = ClosestNames.To(typed, _names);
            if (closest.Count > 0)
            {
                return $"Did you mean {string.Join(" or ", closest)}?";
            }

            return _names.Count <= ListedInErrors ? $"Give one of {string.Join(", ", _names)}, or its number." : _hint;
        }

        private static ArgumentException Refused(string message) => new ArgumentException(message);
    }
}
