<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Settings;

/**
 * Authenticated encryption (libsodium secretbox) for secrets kept in the options table.
 * The key is SPP_ENCRYPTION_KEY from wp-config.php when defined, else derived from the site's
 * auth salts, so a database dump alone does not reveal the secret.
 */
final class SecretBox
{
    private const PREFIX = 'sodium:';

    public static function seal(#[\SensitiveParameter] string $plain): string
    {
        $nonce = random_bytes(SODIUM_CRYPTO_SECRETBOX_NONCEBYTES);
        return self::PREFIX . base64_encode($nonce . sodium_crypto_secretbox($plain, $nonce, self::key()));
    }

    /** Null when the value was sealed with another key (salts changed) or is damaged. */
    public static function open(string $sealed): ?string
    {
        if (!str_starts_with($sealed, self::PREFIX)) {
            return null;
        }
        $raw = base64_decode(substr($sealed, strlen(self::PREFIX)), true);
        if ($raw === false || strlen($raw) <= SODIUM_CRYPTO_SECRETBOX_NONCEBYTES) {
            return null;
        }
        $plain = sodium_crypto_secretbox_open(
            substr($raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES),
            substr($raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES),
            self::key()
        );
        return $plain === false ? null : $plain;
    }

    private static function key(): string
    {
        $material = defined('SPP_ENCRYPTION_KEY') ? (string) constant('SPP_ENCRYPTION_KEY') : wp_salt('auth') . wp_salt('secure_auth');
        return sodium_crypto_generichash('support-provisioning-portal|' . $material, '', SODIUM_CRYPTO_SECRETBOX_KEYBYTES);
    }
}
