using ZertoTasks.Json;

namespace ZertoTasks
{
    /// <summary>The two kinds of ZVM, which log in differently.</summary>
    [System.ComponentModel.TypeConverter(typeof(SingleNameEnumConverter<ZvmKind>))]
    public enum ZvmKind
    {
        /// <summary>Windows ZVM (up to 9.7): POST /v1/session/add, header x-zerto-session.</summary>
        Windows,

        /// <summary>ZVM Appliance (9.5 U1 and later): Keycloak token, header Authorization: Bearer.</summary>
        Appliance,
    }
}
