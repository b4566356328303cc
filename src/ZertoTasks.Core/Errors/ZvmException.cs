using System;

namespace ZertoTasks
{
    /// <summary>
    /// A failure an administrator can meet, with the stable ErrorId the cmdlets report it
    /// under. Public, so a runbook can <c>catch [ZertoTasks.ZvmException]</c> and read what the
    /// server said. Messages never hold a password, token or client secret.
    /// </summary>
    public sealed class ZvmException : Exception
    {
        internal ZvmException(string errorId, ZvmErrorCategory category, string message, object? target,
            string? serverMessage = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
            ServerMessage = serverMessage;
        }

        /// <summary>One id per condition, e.g. TaskNotFound.</summary>
        public string ErrorId { get; }

        /// <summary>The input that failed: a task id, a server name, a session.</summary>
        public object? Target { get; }

        /// <summary>What the ZVM itself said (its Message, or Keycloak's error_description); null when it said nothing.</summary>
        public string? ServerMessage { get; }

        /// <summary>The HTTP status of the answer that failed, if there was one.</summary>
        public int? StatusCode { get; internal init; }

        internal ZvmErrorCategory Category { get; }
    }
}
