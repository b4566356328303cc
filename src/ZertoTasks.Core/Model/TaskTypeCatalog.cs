using System;
using System.Collections.Generic;

namespace ZertoTasks
{
    /// <summary>Maps task type and state names to numbers and back, case-insensitively.</summary>
    internal static class TaskTypeCatalog
    {
        private static readonly Dictionary<string, int> TypeNumbers = Index(typeof(ZvmTaskType));
        private static readonly Dictionary<int, string> TypeNames = Invert(TypeNumbers);
        private static readonly Dictionary<string, int> StateNumbers = Index(typeof(ZvmTaskState));
        private static readonly Dictionary<int, string> StateNames = Invert(StateNumbers);

        /// <summary>The number of a known type name (UpgradeVRA and UpgradeVra alike), or null.</summary>
        public static int? TypeNumber(string name) => TypeNumbers.TryGetValue(name, out int n) ? n : (int?)null;

        /// <summary>The number of a known state name, or null (a task's State is a raw number when the module does not know it).</summary>
        public static int? StateNumber(string name) => StateNumbers.TryGetValue(name, out int n) ? n : (int?)null;

        /// <summary>The name for a type number; the number itself when the module does not know it.</summary>
        public static string TypeName(int number) => TypeNames.TryGetValue(number, out string? name) ? name : number.ToString();

        /// <summary>The name for a state number; the number itself when the module does not know it.</summary>
        public static string StateName(int number) => StateNames.TryGetValue(number, out string? name) ? name : number.ToString();

        private static Dictionary<string, int> Index(Type enumType)
        {
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (object value in Enum.GetValues(enumType))
            {
                index[value.ToString()!] = (int)value;
            }

            return index;
        }

        private static Dictionary<int, string> Invert(Dictionary<string, int> index)
        {
            var inverted = new Dictionary<int, string>();
            foreach (KeyValuePair<string, int> pair in index)
            {
                inverted[pair.Value] = pair.Key;
            }

            return inverted;
        }
    }
}
