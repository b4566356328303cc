using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;
using Xunit;

namespace ZertoTasks.Tests
{
    /// <summary>Many runspaces sharing a session renew it once, and never after it was logged out.</summary>
    public class SessionRenewalTests
    {
        [Fact]
        public async Task Many_callers_refused_at_once_renew_once()
        {
            var holder = new SessionRenewal<string>();
            holder.Set("first");
            int refused = holder.Generation;
            int renewals = 0;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => holder.RenewAsync(refused, async () =>
            {
                Interlocked.Increment(ref renewals);
                await Task.Delay(50);
                holder.Set("second");
            }, CancellationToken.None))));
            Assert.Equal(1, renewals);
            Assert.Equal("second", holder.Current);
        }

        [Fact]
        public async Task A_credential_is_always_read_with_its_own_generation()
        {
            var holder = new SessionRenewal<string>();
            holder.Set("1");
            using var stop = new CancellationTokenSource();
            Task writer = Task.Run(() =>
            {
                for (int i = 0; i < 200_000 && !stop.IsCancellationRequested; i++)
                {
                    holder.Set((holder.Generation + 1).ToString());
                }
            });
            int mismatches = 0;
            while (!writer.IsCompleted)
            {
                SessionRenewal<string>.Held held = holder.Now;
                if (held.Credential != held.Generation.ToString())
                {
                    mismatches++;
                }
            }

            await writer;
            Assert.Equal(0, mismatches);
        }

        [Fact]
        public async Task A_logged_out_credential_is_not_renewed()
        {
            var holder = new SessionRenewal<string>();
            holder.Set("token");
            int refused = holder.Generation;
            holder.Clear();
            await holder.RenewAsync(refused, () => throw new Xunit.Sdk.XunitException("renewed after logout"), CancellationToken.None);
            Assert.Null(holder.Current);
        }

        [Fact]
        public async Task A_refused_login_is_not_tried_again_with_the_same_credential()
        {
            var holder = new SessionRenewal<string>();
            holder.Set("token");
            int refused = holder.Generation;
            int tries = 0;
            var refusal = new ZvmException(ErrorIds.ZvmAuthenticationFailed, ZvmErrorCategory.AuthenticationError, "zvm refused the login of 'admin': wrong", "zvm");
            for (int i = 0; i < 3; i++)
            {
                var e = await Assert.ThrowsAsync<ZvmException>(() => holder.RenewAsync(refused, () =>
                {
                    tries++;
                    throw refusal;
                }, CancellationToken.None));
                Assert.Same(refusal, e);
            }

            Assert.Equal(1, tries);
        }

        [Fact]
        public async Task A_login_that_failed_for_another_reason_is_tried_again()
        {
            var holder = new SessionRenewal<string>();
            holder.Set("token");
            int refused = holder.Generation;
            int tries = 0;
            for (int i = 0; i < 2; i++)
            {
                await Assert.ThrowsAsync<ZvmException>(() => holder.RenewAsync(refused, () =>
                {
                    tries++;
                    throw new ZvmException(ErrorIds.ZvmUnreachable, ZvmErrorCategory.ConnectionError, "zvm could not be reached", "zvm");
                }, CancellationToken.None));
            }

            Assert.Equal(2, tries);
        }
    }
}
