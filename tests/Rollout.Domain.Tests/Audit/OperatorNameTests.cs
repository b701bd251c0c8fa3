using Rollout.Domain.Audit;

namespace Rollout.Domain.Tests.Audit;

public class OperatorNameTests
{
    [Theory]
    [InlineData("dana")]
    [InlineData("dana.smith@example.com")]
    [InlineData("ops_bot-2")]
    public void Validate_AcceptableName_IsNull(string name) => Assert.Null(OperatorName.Validate(name));

    [Fact]
    public void Validate_SixtyFourCharacters_IsAccepted() => Assert.Null(OperatorName.Validate(new string('a', OperatorName.MaxLength)));

    [Theory]
    [InlineData(65)]
    [InlineData(60 * 1024)]
    public void Validate_TooLong_SaysSoWithoutEchoingIt(int length)
    {
        var problem = OperatorName.Validate(new string('a', length));

        Assert.Equal("the user name is longer than 64 characters", problem);
    }

    [Theory]
    [InlineData("root\r\n")]
    [InlineData("root\n(verified)")]
    [InlineData("ro\0ot")]
    [InlineData("\u001b[31mroot")]
    [InlineData("admin\u202Etoor")]
    [InlineData("dana smith")]
    [InlineData("dana/root")]
    [InlineData("<script>")]
    [InlineData("José")]
    [InlineData("аdmin")] // Cyrillic a: passes for "admin" on screen
    public void Validate_OtherCharacters_AreRefused(string name) =>
        Assert.Equal("the user name may hold only letters, digits and . _ @ -", OperatorName.Validate(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_Missing_IsRequired(string? name) => Assert.Equal("a user name is required", OperatorName.Validate(name));
}
