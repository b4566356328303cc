using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;
using ZertoTasks.Names;
using ZertoTasks.Transport;

namespace ZertoTasks.Tests
{
    public class NameSourceTests
    {
        private DateTime _now = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
        private int _calls;

        private NameSource NewSource() => new NameSource("VPG names", _ =>
        {
            _calls++;
            return Task.FromResult(new NameTable(new Dictionary<string, string?> { ["vpg-1"] = "Payroll" }, _now));
        }, () => _now);

        [Fact]
        public void AsksOnceWhileTheNamesAreFresh()
        {
            NameSource source = NewSource();
            source.Current(NoLog.Instance);
            _now += NameSource.Life;
            source.Current(NoLog.Instance);
            Assert.Equal(1, _calls);
        }

        [Fact]
        public void AsksAgainWhenTheNamesAreOld()
        {
            NameSource source = NewSource();
            source.Current(NoLog.Instance);
            _now += NameSource.Life + TimeSpan.FromSeconds(1);
            source.Current(NoLog.Instance);
            Assert.Equal(2, _calls);
        }

        [Fact]
        public void RefreshesOnlyNamesOlderThanTheListing()
        {
            NameSource source = NewSource();
            source.Current(NoLog.Instance);
            source.Refresh(_now, NoLog.Instance);
            Assert.Equal(1, _calls);
            source.Refresh(_now + TimeSpan.FromSeconds(1), NoLog.Instance);
            Assert.Equal(2, _calls);
        }

        private sealed class NoLog : IZvmLog
        {
            public static readonly NoLog Instance = new NoLog();

            public void Verbose(string message)
            {
            }

            public void Debug(string message)
            {
            }
        }
    }
}
