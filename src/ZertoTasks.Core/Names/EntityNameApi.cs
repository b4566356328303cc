using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;
using ZertoTasks.Listing;
using ZertoTasks.Transport;

namespace ZertoTasks.Names
{
    /// <summary>The calls that tell the names of what tasks touch: VPGs, sites and hosts.</summary>
    internal static class EntityNameApi
    {
        // The answers read whole: the sites, and the hosts of one site.
        private const int MaxBodyBytes = 256 * 1024 * 1024;

        public const string VpgsPath = "v1/vpgs";
        public const string LocalSitePath = "v1/localsite";
        public const string PeerSitesPath = "v1/peersites";

        public static string HostsPath(string siteIdentifier) => $"v1/virtualizationsites/{Uri.EscapeDataString(siteIdentifier)}/hosts";

        // A VPG of the recordings is about 1.4 KB; one a thousand times that is not a VPG.
        private const int MaxVpgBytes = 1024 * 1024;

        /// <summary>Streamed as it arrives (<see cref="EntityListStream"/>): the one look-up that is megabytes. Keeps each VPG's LastTest too.</summary>
        public static Task<Dictionary<string, string?>> VpgNamesAsync(ZvmClient client, IZvmLog log, CancellationToken cancellation) =>
            SayingRefusalsAsync(client, VpgsPath, () => client.GetAsync(VpgsPath, client.Server, async response =>
            {
                using (response)
                {
                    await ResponseErrors.RefuseHtmlAsync(client, response, cancellation).ConfigureAwait(false);
                    using ResponseBody body = await ResponseBody.OpenAsync(response, client, cancellation).ConfigureAwait(false);
                    try
                    {
                        return (Dictionary<string, string?>)await EntityListStream.ReadAsync(body, "VpgIdentifier", "VpgName", MaxVpgBytes, "LastTest").ConfigureAwait(false);
                    }
                    catch (EntityListException e)
                    {
                        throw WholeResponse.Invalid(client.Server, "GET /" + VpgsPath, "a list of VPGs", Flaw(e), e);
                    }
                }
            }, log, cancellation));

        public static Task<Dictionary<string, string?>> LocalSiteNameAsync(ZvmClient client, IZvmLog log, CancellationToken cancellation) =>
            GetNamesAsync(client, LocalSitePath, "the local site", body => EntityNameReader.ReadOne(body, "SiteIdentifier", "SiteName"), log, cancellation);

        public static Task<Dictionary<string, string?>> PeerSiteNamesAsync(ZvmClient client, IZvmLog log, CancellationToken cancellation) =>
            GetNamesAsync(client, PeerSitesPath, "a list of peer sites", body => EntityNameReader.ReadList(body, "SiteIdentifier", "PeerSiteName"), log, cancellation);

        public static Task<Dictionary<string, string?>> HostNamesAsync(ZvmClient client, string siteIdentifier, IZvmLog log, CancellationToken cancellation) =>
            GetNamesAsync(client, HostsPath(siteIdentifier), "a list of hosts", body => EntityNameReader.ReadList(body, "HostIdentifier", "VirtualizationHostName"), log, cancellation);

        private static string Flaw(EntityListException e) => e.Flaw switch
        {
            EntityListFlaw.Empty => WholeResponse.EmptyBody,
            EntityListFlaw.BreaksOff => WholeResponse.BreaksOff,
            EntityListFlaw.OtherShape => WholeResponse.OtherShape(e),
            _ => WholeResponse.NotJson(e),
        };

        private static async Task<Dictionary<string, string?>> GetNamesAsync(ZvmClient client, string path, string expected,
            Func<byte[], Dictionary<string, string?>> read, IZvmLog log, CancellationToken cancellation)
        {
            byte[] body = await SayingRefusalsAsync(client, path, () => TaskEndpoints.GetWholeAsync(client, path, client.Server, log, cancellation, MaxBodyBytes)).ConfigureAwait(false);
            return WholeResponse.Parse(body, client.Server, "GET /" + path, expected, read);
        }

        private static async Task<T> SayingRefusalsAsync<T>(ZvmClient client, string path, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmSessionExpired)
            {
                // The session logged in again and is still refused this call: "Run Connect-ZvmSession" would not help.
                throw new ZvmException(e.ErrorId, ZvmErrorCategory.PermissionDenied,
                    $"{client.Server} answered 401 (Unauthorized) to GET /{path}, also after logging in again ({e.ServerMessage ?? "no reason given"}): the user may not have the right to read it.",
                    client.Server, e.ServerMessage, e) { StatusCode = 401 };
            }
        }
    }
}
