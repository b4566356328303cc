using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ZvmSimulator.Auth;

/// <summary>
/// The appliance's Keycloak: OpenID Connect password, client-credentials and refresh grants,
/// logout, and Bearer access tokens that expire after --token-lifetime.
/// </summary>
internal sealed class KeycloakTokens(SimulatorOptions options, SimStats stats) : IApiAuth
{
    private const string Realm = "/auth/realms/zerto/protocol/openid-connect";
    private const string PublicClient = "zerto-client";

    /// <summary>Who logged in: a refresh keeps it; logout ends every token of its session.</summary>
    private sealed record Grant(string ClientId, string User, string Session);

    private sealed record Issued(Grant Grant, DateTime Expires);

    private readonly ConcurrentDictionary<string, Issued> _access = new();
    private readonly ConcurrentDictionary<string, Issued> _refresh = new();
    private readonly ConcurrentQueue<string> _issued = new();

    public IReadOnlyCollection<string> IssuedTokens => _issued;

    public IReadOnlyCollection<string> LiveTokens =>
        [.. _access.Where(pair => pair.Value.Expires > DateTime.UtcNow).Select(pair => pair.Key)];

    public void MapLogin(IEndpointRouteBuilder app)
    {
        // The Windows ZVM's login does not exist here; clients tell the kinds apart by this 404.
        app.Map("/v1/session/add", () => Json.Message(StatusCodes.Status404NotFound, "No HTTP resource was found that matches the request URI."));
        // The realm's discovery document, which clients read without credentials.
        app.MapGet("/auth/realms/zerto/.well-known/openid-configuration", (HttpRequest request) =>
        {
            var issuer = $"{request.Scheme}://{request.Host}/auth/realms/zerto";
            return Json.Result(StatusCodes.Status200OK, new JsonObject
            {
                ["issuer"] = issuer,
                ["token_endpoint"] = issuer + "/protocol/openid-connect/token",
                ["end_session_endpoint"] = issuer + "/protocol/openid-connect/logout",
                ["grant_types_supported"] = new JsonArray("authorization_code", "password", "client_credentials", "refresh_token"),
            });
        });
        app.MapPost(Realm + "/token", Token);
        app.MapPost(Realm + "/logout", Logout);
    }

    public IResult? Reject(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && _access.TryGetValue(authorization[7..].Trim(), out var issued)
            && issued.Expires > DateTime.UtcNow)
        {
            return null;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Json.Result(StatusCodes.Status401Unauthorized, new JsonObject { ["Message"] = "Unauthorized" });
    }

    public void ExpireAll() => _access.Clear();

    private async Task<IResult> Token(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Error(400, "invalid_request", "Missing form parameter: grant_type");
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var clientId = form["client_id"].ToString();
        if (clientId != PublicClient && clientId != options.ClientId)
        {
            return Error(401, "invalid_client", "Invalid client or Invalid client credentials");
        }
        switch (form["grant_type"].ToString())
        {
            case "password":
                if (clientId != PublicClient)
                {
                    return Error(400, "unauthorized_client", "Client not allowed for direct access grants");
                }
                if (!string.Equals(form["username"], options.User, StringComparison.OrdinalIgnoreCase)
                    || form["password"] != options.Password)
                {
                    return Error(401, "invalid_grant", "Invalid user credentials");
                }
                stats.Login();
                return Issue(new Grant(clientId, options.User, Guid.NewGuid().ToString()));
            case "client_credentials":
                if (clientId == PublicClient)
                {
                    return Error(400, "unauthorized_client", "Public client not allowed to retrieve service account");
                }
                if (form["client_secret"] != options.ClientSecret)
                {
                    return Error(401, "unauthorized_client", "Invalid client or Invalid client credentials");
                }
                stats.Login();
                return Issue(new Grant(clientId, "service-account-" + clientId, Guid.NewGuid().ToString()));
            case "refresh_token":
                if (!_refresh.TryGetValue(form["refresh_token"].ToString(), out var refresh) || refresh.Expires <= DateTime.UtcNow)
                {
                    return Error(400, "invalid_grant", "Token is not active");
                }
                if (refresh.Grant.ClientId != clientId)
                {
                    return Error(400, "invalid_grant", "Invalid refresh token. Token client and authorized client don't match");
                }
                stats.Refresh();
                return Issue(refresh.Grant);
            default:
                return Error(400, "unsupported_grant_type", "Unsupported grant_type");
        }
    }

    private async Task<IResult> Logout(HttpRequest request)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : FormCollection.Empty;
        if (!_refresh.TryGetValue(form["refresh_token"].ToString(), out var refresh) || refresh.Expires <= DateTime.UtcNow)
        {
            return Error(400, "invalid_grant", "Invalid refresh token");
        }
        foreach (var store in new[] { _access, _refresh })
        {
            foreach (var (token, issued) in store)
            {
                if (issued.Grant.Session == refresh.Grant.Session)
                {
                    store.TryRemove(token, out _);
                }
            }
        }
        stats.Logout();
        return Results.NoContent();
    }

    private IResult Issue(Grant grant)
    {
        var now = DateTime.UtcNow;
        var access = NewToken(grant, "Bearer", now, options.TokenLifetime);
        var refresh = NewToken(grant, "Refresh", now, options.RefreshLifetime);
        _access[access] = new Issued(grant, now + options.TokenLifetime);
        _refresh[refresh] = new Issued(grant, now + options.RefreshLifetime);
        _issued.Enqueue(access);
        _issued.Enqueue(refresh);
        return Json.Result(StatusCodes.Status200OK, new JsonObject
        {
            ["access_token"] = access,
            ["expires_in"] = (int)options.TokenLifetime.TotalSeconds,
            ["refresh_expires_in"] = (int)options.RefreshLifetime.TotalSeconds,
            ["refresh_token"] = refresh,
            ["token_type"] = "Bearer",
            ["not-before-policy"] = 0,
            ["session_state"] = grant.Session,
            ["scope"] = "profile email",
        });
    }

    /// <summary>Shaped like Keycloak's JWTs (a client may read exp from the payload); the signature is random.</summary>
    private static string NewToken(Grant grant, string type, DateTime now, TimeSpan lifetime)
    {
        var iat = new DateTimeOffset(now).ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["exp"] = iat + (long)lifetime.TotalSeconds,
            ["iat"] = iat,
            ["jti"] = Guid.NewGuid().ToString(),
            ["typ"] = type,
            ["azp"] = grant.ClientId,
            ["sid"] = grant.Session,
            ["preferred_username"] = grant.User,
        };
        return Base64Url.EncodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"zvmsim\"}"u8) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "."
            + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
    }

    private static IResult Error(int status, string error, string description) =>
        Json.Result(status, new JsonObject { ["error"] = error, ["error_description"] = description });
}
