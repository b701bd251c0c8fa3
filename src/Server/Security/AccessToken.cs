using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Rollout.Domain.Audit;

namespace Rollout.Server.Security;

/// <summary>
/// The sign-in secret of this process: configured (Dashboard:Auth:Token) or 32 random bytes, url-safe,
/// new at every start. It opens the login link and works as a Bearer token.
/// </summary>
public sealed class AccessToken
{
    /// <summary>Marks a session with the token it came from, so a restart with a new token ends old sessions.</summary>
    public const string FingerprintClaim = "rollout:token";

    private readonly byte[] _token;

    public AccessToken(IOptions<DashboardAuthOptions> options)
    {
        var value = options.Value;
        Mode = value.ParsedMode;
        Enabled = Mode == AuthMode.Token || value.Token.Length > 0;
        Value = value.Token.Length > 0 ? value.Token : WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        _token = Encoding.UTF8.GetBytes(Value);
        Fingerprint = Convert.ToHexString(SHA256.HashData(_token), 0, 8);
        UserName = value.UserName.Length > 0 ? value.UserName : OperatorName.Sanitize(Environment.UserName);
    }

    public AuthMode Mode { get; }

    /// <summary>Token mode always; OpenIdConnect mode only with a configured token (for scripts).</summary>
    public bool Enabled { get; }

    public string Value { get; }

    public string Fingerprint { get; }

    /// <summary>Who a token holder is.</summary>
    public string UserName { get; }

    /// <summary>Constant time: how much of a guess was right must not show in how long the answer took.</summary>
    public bool Matches(string? presented) =>
        Enabled && presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);

    /// <summary>The sign-in link for one of the server's addresses, e.g. http://127.0.0.1:5080/login?t=...</summary>
    public string LoginLink(string address) => $"{address.TrimEnd('/')}{LoginEndpoint.Path}?t={Uri.EscapeDataString(Value)}";

    public ClaimsPrincipal Principal(string authenticationType) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, UserName), new Claim(FingerprintClaim, Fingerprint)], authenticationType, ClaimTypes.Name, ClaimTypes.Role));
}
