using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ZvmSimulator;

/// <summary>JSON settings and the small JSON answers the simulator gives.</summary>
internal static class Json
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Names as written; '+' in "/Date(...+0300)/" and non-ASCII not escaped.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>camelCase names, for the /_sim hooks.</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Result(int status, JsonNode body) =>
        Results.Text(body.ToJsonString(Relaxed), ContentType, statusCode: status);

    /// <summary>The Windows ZVM's (ASP.NET Web API's) error body.</summary>
    public static IResult Message(int status, string message) => Result(status, new JsonObject { ["Message"] = message });
}
