using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ZvmSimulator.Auth;

/// <summary>The Windows ZVM's login: Basic auth on POST /v1/session/add, then the x-zerto-session header.</summary>
internal sealed class WindowsSessions(SimulatorOptions options, SimStats stats) : IApiAuth
{
    public const string SessionHeader = "x-zerto-session";
    private const string Denied = "Authorization has been denied for this request.";

    private readonly ConcurrentDictionary<string, bool> _live = new();
    private readonly ConcurrentQueue<string> _issued = new();

    public IReadOnlyCollection<string> IssuedTokens => _issued;

    public IReadOnlyCollection<string> LiveTokens => [.. _live.Keys];

    public void MapLogin(IEndpointRouteBuilder app)
    {
        // A body of {"AuthenticationMethod": 0|1} or none: both log in; the request log keeps which.
        app.MapPost("/v1/session/add", (HttpContext context) =>
        {
            if (!CredentialsMatch(context.Request.Headers.Authorization.ToString()))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Zerto\"";
                return Json.Message(StatusCodes.Status401Unauthorized, Denied);
            }
            var token = Guid.NewGuid().ToString();
            _live[token] = true;
            _issued.Enqueue(token);
            stats.Login();
            context.Response.Headers[SessionHeader] = token;
            return Results.Ok();
        });
        app.MapDelete("/v1/session", (HttpContext context) =>
        {
            if (!_live.TryRemove(context.Request.Headers[SessionHeader].ToString(), out _))
            {
                return Json.Message(StatusCodes.Status401Unauthorized, Denied);
            }
            stats.Logout();
            return Results.Ok();
        });
    }

    public IResult? Reject(HttpContext context) =>
        _live.ContainsKey(context.Request.Headers[SessionHeader].ToString())
            ? null
            : Json.Message(StatusCodes.Status401Unauthorized, Denied);

    public void ExpireAll() => _live.Clear();

    private bool CredentialsMatch(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = pair.IndexOf(':');
        return colon > 0
            && string.Equals(pair[..colon], options.User, StringComparison.OrdinalIgnoreCase)
            && pair[(colon + 1)..] == options.Password;
    }
}
