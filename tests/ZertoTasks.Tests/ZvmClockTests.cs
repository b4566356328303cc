using System;
using Xunit;
using ZertoTasks.Watching;

namespace ZertoTasks.Tests
{
    public class ZvmClockTests
    {
        private static readonly DateTime Local = new DateTime(2026, 12, 6, 12, 0, 0, 250, DateTimeKind.Utc);

        // The Date header a ZVM <paramref name="offset"/> away writes at this machine's <paramref name="at"/>: cut to the second.
        private static DateTimeOffset Date(DateTime at, TimeSpan offset)
        {
            DateTime zvm = at + offset;
            return new DateTimeOffset(zvm.Ticks - zvm.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }

        [Fact]
        public void Unknown_until_an_answer_tells()
        {
            var clock = new ZvmClock();
            clock.Observe(null, Local, Local);
            Assert.False(clock.IsKnown);
            Assert.Equal(TimeSpan.Zero, clock.Offset);
        }

        [Fact]
        public void Clocks_that_agree_are_taken_to_agree_exactly()
        {
            var clock = new ZvmClock();
            for (int i = 0; i < 200; i++)
            {
                DateTime sent = Local.AddMilliseconds(137 * i);
                clock.Observe(Date(sent.AddMilliseconds(20), TimeSpan.Zero), sent, sent.AddMilliseconds(40));
            }

            // However many answers: a -Since is not moved by a rounding of the Date header.
            Assert.Equal(TimeSpan.Zero, clock.Offset);
            Assert.Equal(Local, clock.ToZvm(Local.ToLocalTime()));
        }

        [Theory]
        [InlineData(600.4)]
        [InlineData(-600.7)]
        [InlineData(3.5)]
        public void A_ZVM_minutes_off_is_known_within_a_second_and_gets_better_with_answers(double seconds)
        {
            var offset = TimeSpan.FromSeconds(seconds);
            var clock = new ZvmClock();
            clock.Observe(Date(Local.AddMilliseconds(10), offset), Local, Local.AddMilliseconds(20));
            Assert.InRange((clock.Offset - offset).TotalSeconds, -1.1, 1.1);
            for (int i = 1; i < 50; i++)
            {
                DateTime sent = Local.AddMilliseconds(97 * i);
                clock.Observe(Date(sent.AddMilliseconds(5), offset), sent, sent.AddMilliseconds(10));
            }

            Assert.InRange((clock.Offset - offset).TotalSeconds, -0.2, 0.2);
            DateTime since = new DateTime(2026, 12, 6, 11, 0, 0, DateTimeKind.Utc);
            Assert.InRange((clock.ToZvm(since.ToLocalTime()) - since - offset).TotalSeconds, -0.2, 0.2);
        }

        [Fact]
        public void A_clock_that_is_set_starts_over()
        {
            var clock = new ZvmClock();
            clock.Observe(Date(Local, TimeSpan.FromMinutes(10)), Local, Local.AddMilliseconds(10));
            clock.Observe(Date(Local.AddSeconds(5), TimeSpan.Zero), Local.AddSeconds(5), Local.AddSeconds(5.01));
            Assert.Equal(TimeSpan.Zero, clock.Offset);
        }
    }
}
