using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// One string per distinct short value of a task list. Type names, users, failure reasons
    /// and site, VPG and host ids repeat across tens of thousands of tasks; sharing them saves
    /// most of the list's allocations, and the memory of a caller who keeps the tasks.
    /// Bounded: once full it stops adding, so an unusual list costs allocations, never memory.
    /// </summary>
    internal sealed class StringCache
    {
        private const int MaxLength = 128;
        private const int Slots = 4096;
        private const int MaxCount = Slots / 2;

        private readonly Entry[] _entries = new Entry[Slots];
        private int _count;

        /// <summary>The string the reader stands on (a String token).</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public string Get(ref Utf8JsonReader reader)
        {
            ReadOnlySpan<byte> raw = reader.ValueSpan;
            if (raw.Length > MaxLength)
            {
                return reader.GetString()!;
            }

            // Unescaped text is never longer than its JSON form; user names such as ZVM\svc-dr come escaped.
            Span<byte> unescaped = stackalloc byte[MaxLength];
            ReadOnlySpan<byte> utf8 = reader.ValueIsEscaped ? unescaped.Slice(0, reader.CopyString(unescaped)) : raw;
            if (utf8.Length == 0)
            {
                return string.Empty;
            }

            uint hash = Hash(utf8);
            int slot = (int)(hash & (Slots - 1));
            while (_entries[slot].Value is string value)
            {
                if (_entries[slot].Hash == hash && utf8.SequenceEqual(_entries[slot].Utf8))
                {
                    return value;
                }

                slot = (slot + 1) & (Slots - 1);
            }

            string text = reader.GetString()!;
            if (_count < MaxCount)
            {
                _entries[slot] = new Entry(hash, utf8.ToArray(), text);
                _count++;
            }

            return text;
        }

        // FNV-1a: short keys, no allocation.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private static uint Hash(ReadOnlySpan<byte> utf8)
        {
            uint hash = 2166136261;
            foreach (byte b in utf8)
            {
                hash = (hash ^ b) * 16777619;
            }

            return hash;
        }

        private readonly struct Entry
        {
            public Entry(uint hash, byte[] utf8, string value)
            {
                Hash = hash;
                Utf8 = utf8;
                Value = value;
            }

            public uint Hash { get; }

            public byte[] Utf8 { get; }

            public string? Value { get; }
        }
    }
}
