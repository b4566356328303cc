using ZertoTasks.Json;

namespace ZertoTasks
{
    /// <summary>How a Windows ZVM checks the credentials given to /v1/session/add.</summary>
    [System.ComponentModel.TypeConverter(typeof(SingleNameEnumConverter<ZvmAuthenticationMethod>))]
    public enum ZvmAuthenticationMethod
    {
        /// <summary>Windows authentication: the login request has no body.</summary>
        Windows,

        /// <summary>vCenter or SCVMM credentials: body {"AuthenticationMethod": 1}.</summary>
        Hypervisor,
    }
}
