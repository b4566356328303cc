using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Transport
{
    /// <summary>
    /// Where a session logs in again: the live credential (session token or access token) of a
    /// session and its generation, renewed under a lock so that many runspaces sharing one
    /// session log in once, not once each. <see cref="ZvmClient.GetAsync"/> asks for a renewal
    /// when the ZVM answers 401.
    /// </summary>
    internal sealed class SessionRenewal<T> where T : class
    {
        private readonly SemaphoreSlim _renewing = new SemaphoreSlim(1, 1);
        private ZvmException? _refusal;
        private int _refusedGeneration;

        public T? Current { get; private set; }

        public int Generation { get; private set; }

        public void Set(T credential)
        {
            Current = credential;
            Generation++;
        }

        /// <summary>The session was logged out: nothing renews it any more.</summary>
        public void Clear() => Current = null;

        /// <summary>
        /// Runs <paramref name="renew"/> unless the credential has already moved past
        /// <paramref name="refused"/> or was cleared. A refused login is remembered and given to
        /// every later caller instead of trying the credential again: a directory locks an
        /// account after a few wrong passwords, and eight runspaces would make eight tries.
        /// </summary>
        public async Task RenewAsync(int refused, System.Func<Task> renew, CancellationToken cancellation)
        {
            await _renewing.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                if (Generation != refused || Current == null)
                {
                    return;
                }

                if (_refusal != null && _refusedGeneration == Generation)
                {
                    throw _refusal;
                }

                try
                {
                    await renew().ConfigureAwait(false);
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmAuthenticationFailed)
                {
                    _refusal = e;
                    _refusedGeneration = Generation;
                    throw;
                }
            }
            finally
            {
                _renewing.Release();
            }
        }
    }
}
