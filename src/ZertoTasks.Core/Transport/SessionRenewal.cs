using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Transport
{
    /// <summary>
    /// Where a session logs in again: the live credential (session token or access token) of a
    /// session and its generation, renewed under a lock so that many runspaces sharing one
    /// session log in once, not once each. <see cref="ZvmClient.GetAsync"/> asks for a renewal
    /// when the ZVM answers 401.
    /// The credential and its generation are one immutable value, swapped at once: a reader never
    /// pairs a stale token with a newer generation (and then logs in again for nothing).
    /// </summary>
    internal sealed class SessionRenewal<T> where T : class
    {
        private readonly SemaphoreSlim _renewing = new SemaphoreSlim(1, 1);
        private ZvmException? _refusal;
        private int _refusedGeneration;
        private Held _held = new Held(null, 0);

        /// <summary>The credential and its generation, read together.</summary>
        public Held Now => Volatile.Read(ref _held);

        public T? Current => Now.Credential;

        public int Generation => Now.Generation;

        public void Set(T credential)
        {
            Held was, now;
            do
            {
                was = Now;
                now = new Held(credential, was.Generation + 1);
            }
            while (Interlocked.CompareExchange(ref _held, now, was) != was);
        }

        /// <summary>The session was logged out: nothing renews it any more.</summary>
        public void Clear()
        {
            Held was;
            do
            {
                was = Now;
            }
            while (Interlocked.CompareExchange(ref _held, new Held(null, was.Generation), was) != was);
        }

        /// <summary>A credential with the generation it belongs to.</summary>
        internal sealed class Held
        {
            public Held(T? credential, int generation)
            {
                Credential = credential;
                Generation = generation;
            }

            public T? Credential { get; }

            public int Generation { get; }

            public override string ToString() => $"generation {Generation}";
        }

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
                Held held = Now;
                if (held.Generation != refused || held.Credential == null)
                {
                    return;
                }

                if (_refusal != null && _refusedGeneration == held.Generation)
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
                    _refusedGeneration = Now.Generation;
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
