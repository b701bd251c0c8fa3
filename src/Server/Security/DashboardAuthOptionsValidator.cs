using Microsoft.Extensions.Options;
using Rollout.Domain.Audit;
using Rollout.Domain.Model;

namespace Rollout.Server.Security;

/// <summary>Names every bad key, and refuses to serve unauthenticated commands beyond loopback.</summary>
public sealed class DashboardAuthOptionsValidator(IConfiguration configuration) : IValidateOptions<DashboardAuthOptions>
{
    private const string S = DashboardAuthOptions.Section;

    public ValidateOptionsResult Validate(string? name, DashboardAuthOptions options)
    {
        var errors = new List<string>();
        if (!Enum.TryParse<AuthMode>(options.Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            errors.Add($"{S}:Mode must be Token, OpenIdConnect or Unsecured (was '{options.Mode}')");
        }

        // The token is compared as given; a short one can be guessed.
        if (options.Token.Length is > 0 and < 16) errors.Add($"{S}:Token must be at least 16 characters, or empty for a random one per start");
        if (options.UserName.Length > 0 && !OperatorName.IsValid(options.UserName))
            errors.Add($"{S}:UserName must be 1-{OperatorName.MaxLength} letters, digits or ._@- (was '{options.UserName}')");

        if (mode == AuthMode.OpenIdConnect)
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
                || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
                errors.Add($"{S}:Authority must be the provider's https:// URL (http:// only on loopback) (was '{options.Authority}')");
            if (string.IsNullOrWhiteSpace(options.ClientId)) errors.Add($"{S}:ClientId is required in OpenIdConnect mode");
            if (string.IsNullOrWhiteSpace(options.ClientSecret)) errors.Add($"{S}:ClientSecret is required in OpenIdConnect mode (code flow with a confidential client)");
            if (string.IsNullOrWhiteSpace(options.NameClaim)) errors.Add($"{S}:NameClaim must name a claim (default preferred_username)");
            if (string.IsNullOrWhiteSpace(options.RoleClaim)) errors.Add($"{S}:RoleClaim must name a claim (default roles)");
        }

        for (var i = 0; i < options.Operators.Count; i++)
        {
            var grant = options.Operators[i];
            if (string.IsNullOrWhiteSpace(grant.Role) == string.IsNullOrWhiteSpace(grant.User))
                errors.Add($"{S}:Operators:{i} must name exactly one of Role or User");
            for (var j = 0; j < grant.Jobs.Count; j++)
            {
                if (JobPattern.Problem(grant.Jobs[j]) is { } problem) errors.Add($"{S}:Operators:{i}:Jobs:{j}: {problem}");
            }
        }

        if (mode == AuthMode.Unsecured)
        {
            foreach (var address in BoundAddresses.From(configuration).Where(a => !BoundAddresses.IsLoopback(a)))
            {
                errors.Add($"{S}:Mode=Unsecured lets anyone who can reach '{address}' steer rollouts, so it only listens on loopback: "
                    + "sign in with a token instead (--Dashboard:Auth:Mode=Token, the default) or bind 127.0.0.1 (--urls http://127.0.0.1:5080)");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
