using Tke.Auth.Apis.SigningKeys;
using Tke.Auth.Oidc.Keys;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Auth.Tests.Oidc;

public sealed class KeyRotationTests
{
    private readonly OidcRig _rig = new();

    [Fact]
    public void NothingChangesBeforeTheNextKeyIsDue()
    {
        var set = _rig.Ring.Current;
        _rig.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Same(set, set.Rotate(_rig.Clock.Now, _rig.Policy));
    }

    [Fact]
    public void NextKeyIsPublishedAheadThenSignsAndOldKeyVerifiesUntilItsTokensExpire()
    {
        var first = _rig.Ring.Current.SignerAt(_rig.Clock.Now)!;
        var oldToken = _rig.IssueForAlice().IdToken;

        // Shortly before rotation the next key is published but does not sign yet.
        _rig.Clock.Advance(_rig.Policy.RotationPeriod - _rig.Policy.PublishAhead);
        Rotate();
        Assert.Equal(2, _rig.Ring.Current.Keys.Count);
        Assert.Equal(first.Kid, _rig.Ring.Current.SignerAt(_rig.Clock.Now)!.Kid);
        var next = _rig.Ring.Current.Keys.Single(k => k.Kid != first.Kid);

        // At rotation time the new key signs; the old one loses its private part.
        _rig.Clock.Advance(_rig.Policy.PublishAhead);
        Rotate();
        Assert.Equal(next.Kid, _rig.Ring.Current.SignerAt(_rig.Clock.Now)!.Kid);
        Assert.False(_rig.Ring.Current.Find(first.Kid)!.CanSign);
        var newToken = _rig.IssueForAlice().IdToken;
        Assert.Equal(next.Kid, _rig.Validator.Validate(newToken).KeyId);

        var lastOldToken = _rig.Clock.Now;
        _rig.Clock.Advance(TimeSpan.FromMinutes(30));
        Rotate();
        Assert.Equal(first.Kid, _rig.Validator.Validate(oldToken, allowExpired: true).KeyId);

        // Once every token the old key signed has expired, the key goes.
        _rig.Clock.Now = lastOldToken + _rig.Policy.VerificationPeriod + TimeSpan.FromSeconds(1);
        Rotate();
        Assert.Null(_rig.Ring.Current.Find(first.Kid));
        Assert.Equal(TokenRejection.UnknownKey, Assert.Throws<TokenValidationException>(() => _rig.Validator.Validate(oldToken, allowExpired: true)).Reason);
        Assert.Equal("alice", _rig.Validator.Validate(newToken, allowExpired: true).Name);
    }

    [Fact]
    public void KeysRoundTripThroughApiSigningKeyObjects()
    {
        var key = _rig.Ring.Current.SignerAt(_rig.Clock.Now)!;
        var obj = SigningKeyObjectCodec.ToObject(key);
        Assert.Equal(key.Kid, obj.Metadata.Name);
        Assert.True(SigningKeyObjectCodec.IsOidcKey(obj));
        var back = SigningKeyObjectCodec.FromObject(obj);
        Assert.Equal(key.ActiveFrom, back.ActiveFrom);
        Assert.Equal(key.VerifyUntil, back.VerifyUntil);
        Assert.True(back.CanSign);

        var token = _rig.IssueForAlice().IdToken;
        var restarted = new SigningKeyRing(new SigningKeySet([back]));
        Assert.Equal("alice", new TokenValidator(_rig.Options, restarted, _rig.Clock).Validate(token).Name);
    }

    [Fact]
    public async Task RotatorPersistsAndReplicasShareKeys()
    {
        var store = new FakeKeyStore();
        var ringA = new SigningKeyRing();
        var ringB = new SigningKeyRing();
        var a = new SigningKeyRotator(store, ringA, _rig.Policy, _rig.Clock);
        var b = new SigningKeyRotator(store, ringB, _rig.Policy, _rig.Clock);

        await a.RefreshAsync(default);
        await b.RefreshAsync(default);
        Assert.Single(store.Objects);
        Assert.Equal(ringA.Current.SignerAt(_rig.Clock.Now)!.Kid, ringB.Current.SignerAt(_rig.Clock.Now)!.Kid);

        var token = new TokenIssuer(_rig.Options, ringA, _rig.Clock).Issue(OidcRig.Alice, "default", "s", null, ["openid"]);
        Assert.Equal("alice", new TokenValidator(_rig.Options, ringB, _rig.Clock).Validate(token.AccessToken).Name);

        var firstKid = ringA.Current.SignerAt(_rig.Clock.Now)!.Kid;
        _rig.Clock.Advance(_rig.Policy.RotationPeriod - _rig.Policy.PublishAhead);
        await a.RefreshAsync(default);
        await b.RefreshAsync(default);
        Assert.Equal(2, store.Objects.Count);
        Assert.Equal(2, ringB.Current.Keys.Count);

        _rig.Clock.Advance(_rig.Policy.PublishAhead);
        await a.RefreshAsync(default);
        Assert.Null(store.Objects[firstKid].SigningKey);
        Assert.NotEqual(firstKid, ringA.Current.SignerAt(_rig.Clock.Now)!.Kid);

        await b.RefreshAsync(default);
        Assert.Equal(ringA.Current.SignerAt(_rig.Clock.Now)!.Kid, ringB.Current.SignerAt(_rig.Clock.Now)!.Kid);
    }

    [Fact]
    public void OtherUsesOfApiSigningKeyAreIgnored() =>
        Assert.False(SigningKeyObjectCodec.IsOidcKey(new ApiSigningKey { Metadata = { Name = "apikey" } }));

    private void Rotate() => _rig.Ring.Publish(_rig.Ring.Current.Rotate(_rig.Clock.Now, _rig.Policy));

    private sealed class FakeKeyStore : ISigningKeyStore
    {
        public Dictionary<string, ApiSigningKey> Objects { get; } = [];

        public ValueTask<IReadOnlyList<ApiSigningKey>> ListAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ApiSigningKey>>(Objects.Values.ToList());

        public ValueTask CreateAsync(ApiSigningKey key, CancellationToken cancellationToken)
        {
            Objects.Add(key.Metadata.Name!, key);
            return ValueTask.CompletedTask;
        }

        public ValueTask UpdateAsync(ApiSigningKey key, CancellationToken cancellationToken)
        {
            Objects[key.Metadata.Name!] = key;
            return ValueTask.CompletedTask;
        }

        public ValueTask DeleteAsync(string name, CancellationToken cancellationToken)
        {
            Objects.Remove(name);
            return ValueTask.CompletedTask;
        }
    }
}
