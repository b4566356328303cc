using System;
using System.Collections.Generic;

namespace ZertoTasks
{
    /// <summary>The wording of TaskNotFound: the id once, the ZVM's own words, and where else to look.</summary>
    internal static class TaskErrors
    {
        private const string WhereToLook =
            "A task id is known only to the ZVM that ran the task, while that task is in its history: check -Session, "
            + "or list the latest tasks with Get-ZvmTask -Newest 20 (Tab after -TaskIdentifier offers them).";

        /// <summary>
        /// The ZVMs of <paramref name="servers"/> all answered that they do not know the task;
        /// <paramref name="answer"/> is the first answer (its status and the ZVM's message).
        /// </summary>
        public static ZvmException NotFound(IReadOnlyList<string> servers, string identifier, ZvmException answer) => new ZvmException(
            ErrorIds.TaskNotFound,
            ZvmErrorCategory.ObjectNotFound,
            $"{WhatWasSaid(servers, identifier, answer.ServerMessage)} {WhereToLook}",
            identifier,
            answer.ServerMessage,
            answer) { StatusCode = answer.StatusCode };

        /// <summary>
        /// "zvm01 has no task 'id'.", or the ZVM's own sentence when it names the task (the id
        /// said once, not twice), or both when its words add something else.
        /// </summary>
        private static string WhatWasSaid(IReadOnlyList<string> servers, string identifier, string? serverMessage)
        {
            string said = serverMessage?.Trim() ?? string.Empty;
            if (servers.Count > 1)
            {
                string words = said.Length == 0 || NamesTask(said, identifier) ? "." : $" ({servers[0]}: {ErrorText.Sentence(said)})";
                return $"None of {string.Join(", ", servers)} has the task '{identifier}'{words}";
            }

            if (said.Length == 0)
            {
                return $"{servers[0]} has no task '{identifier}'.";
            }

            return NamesTask(said, identifier)
                ? $"{servers[0]} says: {ErrorText.Sentence(said)}"
                : $"{servers[0]} has no task '{identifier}': {ErrorText.Sentence(said)}";
        }

        /// <summary>Whether the ZVM's words name the task: its GUID, in either form of the id.</summary>
        private static bool NamesTask(string said, string identifier)
        {
            int dot = identifier.IndexOf('.');
            string taskGuid = dot > 0 ? identifier.Substring(0, dot) : identifier;
            return said.IndexOf(taskGuid, StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
