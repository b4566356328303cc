using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Runtime.CompilerServices;

namespace ZertoTasks.Parameters
{
    /// <summary>
    /// The properties (CSV columns) that Connect-ZvmSession's -Server takes a ZVM's address from:
    /// its name, then its aliases, the names a list of servers is likely to give the column.
    /// Not Name: a record's Name is as often a display name ("Frankfurt DR") as a host, and many
    /// objects that are no server carry one.
    /// </summary>
    internal static class ServerColumns
    {
        public const string ComputerName = nameof(ComputerName);
        public const string HostName = nameof(HostName);
        public const string DnsHostName = nameof(DnsHostName);
        public const string Fqdn = nameof(Fqdn);
        public const string Zvm = nameof(Zvm);
        public const string ZvmServer = nameof(ZvmServer);

        /// <summary>In the order PowerShell's binder looks for them: the parameter's name, then its aliases.</summary>
        public static readonly string[] All = { "Server", ComputerName, HostName, DnsHostName, Fqdn, Zvm, ZvmServer };
    }

    /// <summary>
    /// Refuses an object given to -Server that has none of <see cref="ServerColumns"/> (an
    /// Import-Csv record without a Server column), with an error that names the columns looked
    /// for, instead of trying to connect to its text ("@{Name=zvm01; Site=FRA}").
    /// </summary>
    /// <remarks>
    /// PowerShell binds a piped object to -Server by value before it binds by property name, and
    /// transforms it first. An object that has one of the properties is left as it is, so that
    /// binding by value fails and the property binds; one that has none becomes a marker text,
    /// which the cmdlet turns into a ServerPropertyMissing error for that object, before any
    /// request. Text, and values whose text is an address (a Uri, an IPAddress), pass as they are.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class ServerRecordAttribute : ArgumentTransformationAttribute
    {
        // Each marker is a text of its own, so the object it stands for is found by reference.
        private static readonly ConditionalWeakTable<string, object> Refused = new ConditionalWeakTable<string, object>();

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            List<object?> items = Items(inputData);
            if (!items.Any(IsRecordWithoutServer))
            {
                return inputData;
            }

            return items.Select(item => IsRecordWithoutServer(item) ? Marker(item!) : LanguagePrimitives.ConvertTo<string>(item)).ToArray();
        }

        /// <summary>The object a marker stands for: an input that has none of the server properties; null for any other text.</summary>
        public static object? RefusedInput(string server) => Refused.TryGetValue(server, out object? input) ? input : null;

        /// <summary>ServerPropertyMissing for <paramref name="input"/>, naming the properties looked for and the way to name another.</summary>
        public static ZvmException Missing(object input)
        {
            object value = input is PSObject wrapped ? wrapped.BaseObject : input;
            bool record = value is PSCustomObject;
            // A record's first column is the likeliest to hold the address; any other object's properties are its type's.
            string column = record ? PSObject.AsPSObject(input).Properties.Select(property => property.Name).FirstOrDefault() ?? "<column>" : "<property>";
            if (record && !System.Text.RegularExpressions.Regex.IsMatch(column, @"\A\w+\z"))
            {
                column = "'" + column.Replace("'", "''") + "'";
            }

            string shown = record ? Shorten(LanguagePrimitives.ConvertTo<string>(input)) : $"(a {value.GetType().FullName})";
            string hashtable = value is IDictionary ? " A hashtable's keys are not properties: make it a [pscustomobject]." : string.Empty;
            string[] names = ServerColumns.All;
            return new ZvmException(
                ErrorIds.ServerPropertyMissing,
                ZvmErrorCategory.InvalidArgument,
                $"The input {shown} names no ZVM: it has none of the properties (CSV columns) that -Server takes: "
                + $"{string.Join(", ", names, 0, names.Length - 1)} or {names[names.Length - 1]}.{hashtable} "
                + $"Rename the column that holds the ZVM's address, or name it in a script block: "
                + $"Import-Csv <file> | Connect-ZvmSession -Server {{ $_.{column} }} ...",
                input);
        }

        private static string Marker(object input)
        {
            string marker = new string(new[] { '\0' });
            Refused.Add(marker, input);
            return marker;
        }

        private static List<object?> Items(object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is IEnumerable list && !(value is string) && !(value is IDictionary)
                ? list.Cast<object?>().ToList()
                : new List<object?> { inputData };
        }

        private static bool IsRecordWithoutServer(object? item)
        {
            object? value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (value == null || value is string || value is Uri || value is IPAddress || value.GetType().IsPrimitive)
            {
                return false;
            }

            PSMemberInfoCollection<PSPropertyInfo> properties = PSObject.AsPSObject(item!).Properties;
            return ServerColumns.All.All(name => properties[name] == null);
        }

        private static string Shorten(string text) => text.Length <= 100 ? text : text.Substring(0, 99) + "…";
    }
}
