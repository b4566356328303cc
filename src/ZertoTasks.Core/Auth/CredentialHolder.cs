using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// The live credential (session token or access token) of a session and its generation,
    /// renewed under a lock so that many runspaces sharing one session log in once, not once each.
    /// </summary>
    internal sealed class CredentialHolder<T> where T : class
    {
        private readonly SemaphoreSlim _renewing = new SemaphoreSlim(1, 1);

        public T? Current { get; private set; }

        public int Generation { get; private set; }

        public void Set(T credential)
        {
            Current = credential;
            Generation++;
        }

        public void Clear() => Current = null;

        /// <summary>Runs <paramref name="renew"/> unless the credential has already moved past <paramref name="refused"/>.</summary>
        public async Task RenewAsync(int refused, System.Func<Task> renew, CancellationToken cancellation)
        {
            await _renewing.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                if (Generation == refused || Current == null)
                {
                    await renew().ConfigureAwait(false);
                }
            }
            finally
            {
                _renewing.Release();
            }
        }
    }
}
