using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ZvmSimulator.Auth;

/// <summary>One kind's login endpoints and its check of API calls.</summary>
internal interface IApiAuth
{
    void MapLogin(IEndpointRouteBuilder app);

    /// <summary>Null when the call may go on, else the kind's 401 answer.</summary>
    IResult? Reject(HttpContext context);

    /// <summary>Ends every live session or access token (appliance refresh tokens stay valid).</summary>
    void ExpireAll();

    /// <summary>Every credential handed out so far (session tokens; access and refresh tokens), live or not.</summary>
    IReadOnlyCollection<string> IssuedTokens { get; }

    /// <summary>The credentials an API call may use now (session tokens; unexpired access tokens).</summary>
    IReadOnlyCollection<string> LiveTokens { get; }
}
