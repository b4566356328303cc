namespace ZertoTasks.Auth
{
    /// <summary>
    /// The ports a ZVM of each kind listens on when -Server and -Port name none. Settable only
    /// inside the module, so that tests can put the ports of their own servers in their place.
    /// </summary>
    internal static class DefaultPorts
    {
        public static int Appliance { get; set; } = 443;

        public static int Windows { get; set; } = 9669;

        public static int Of(ZvmKind kind) => kind == ZvmKind.Windows ? Windows : Appliance;
    }
}
