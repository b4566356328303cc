using System.Collections.Generic;

namespace ZertoTasks.Auth
{
    /// <summary>What one port showed itself to be, and what it answered on the way.</summary>
    internal sealed class PortReport
    {
        public PortReport(string server, ZvmKind? kind, IReadOnlyList<string> answers, ZvmException? failure = null)
        {
            Server = server;
            Kind = kind;
            Answers = answers;
            Failure = failure;
        }

        /// <summary>host:port.</summary>
        public string Server { get; }

        /// <summary>The kind of ZVM the port answered like; null when it answered like neither.</summary>
        public ZvmKind? Kind { get; }

        /// <summary>What it answered to each question asked, e.g. "404 (Not Found) to the Windows login (POST /v1/session/add)".</summary>
        public IReadOnlyList<string> Answers { get; }

        /// <summary>The port could not be asked at all: unreachable, or a certificate this machine does not trust.</summary>
        public ZvmException? Failure { get; }

        /// <summary>One sentence: what the port answered.</summary>
        public string Describe() => Failure?.Message ?? $"{Server} answered {string.Join(" and ", Answers)}.";
    }
}
