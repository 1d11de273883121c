<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Domain;

/**
 * How to reach the VMs of one template: SSH, RDP and web entries plus free-text notes, in the order
 * the admin lists them. Hints are text the admin chooses; the profile never holds a password.
 */
final class ConnectionProfile
{
    private const PARSED_KEPT = 64;

    /** @var array<string, self> fromJson() by stored text */
    private static array $parsed = [];

    public const KIND_SSH = 'ssh';
    public const KIND_RDP = 'rdp';
    public const KIND_WEB = 'web';
    public const KIND_NOTE = 'note';
    public const KINDS = [self::KIND_SSH, self::KIND_RDP, self::KIND_WEB, self::KIND_NOTE];

    public const MAX_ENTRIES = 20;
    public const LABEL_MAX_LENGTH = 80;
    public const NOTE_MAX_LENGTH = 1000;
    public const PATH_MAX_LENGTH = 200;

    /** A login: POSIX portable user name characters, not starting with a hyphen or dot. */
    public const SSH_USER_PATTERN = '~^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}\z~';

    /** A Windows login: `user`, `DOMAIN\user` or `user@domain.example`. */
    public const RDP_USER_PATTERN = '~^(?:[A-Za-z0-9][A-Za-z0-9.-]{0,62}\\\\)?[A-Za-z0-9_][A-Za-z0-9._@-]{0,63}\z~';

    /** An absolute URL path (with an optional query), made of RFC 3986 characters without quotes. */
    public const PATH_PATTERN = '#^/[A-Za-z0-9\-._~!$&*+,;=:@%/?]*\z#';

    private const DEFAULT_PORTS = [self::KIND_SSH => 22, self::KIND_RDP => 3389];
    private const WEB_DEFAULT_PORTS = ['https' => 443, 'http' => 80];

    /** @param list<array<string, string|int>> $entries normalised entries */
    private function __construct(public readonly array $entries)
    {
    }

    public static function empty(): self
    {
        return new self([]);
    }

    /**
     * Validates and normalises what an admin sent; defaults fill the optional values.
     *
     * @param array<mixed> $entries
     * @throws InvalidInput naming the first entry field that is wrong
     */
    public static function fromInput(array $entries): self
    {
        if (!array_is_list($entries) || count($entries) > self::MAX_ENTRIES) {
            throw new InvalidInput('entries', sprintf(
                /* translators: %d: maximum number of entries */
                __('A connection profile is a list of at most %d entries.', 'support-provisioning-portal'),
                self::MAX_ENTRIES
            ));
        }
        $normalised = [];
        foreach ($entries as $index => $entry) {
            $normalised[] = self::entry(is_array($entry) ? $entry : [], "entries[{$index}]");
        }
        return new self($normalised);
    }

    /** Reads a stored profile; anything unreadable counts as no profile (it was validated when saved). */
    public static function fromJson(?string $json): self
    {
        $json = (string) $json;
        // Immutable, so one per stored text: a list reads its template's profile for every row.
        if (count(self::$parsed) >= self::PARSED_KEPT) {
            self::$parsed = [];
        }
        return self::$parsed[$json] ??= (static function () use ($json): self {
            $entries = json_decode($json, true);
            if (!is_array($entries)) {
                return self::empty();
            }
            try {
                return self::fromInput($entries);
            } catch (InvalidInput) {
                return self::empty();
            }
        })();
    }

    public function toJson(): string
    {
        // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode -- Domain loads no WordPress; JSON_THROW_ON_ERROR fails loudly
        return json_encode($this->entries, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
    }

    /**
     * @param array<mixed> $entry
     * @return array<string, string|int>
     */
    private static function entry(array $entry, string $field): array
    {
        $kind = $entry['kind'] ?? null;
        if (!in_array($kind, self::KINDS, true)) {
            throw new InvalidInput("{$field}.kind", __('Each entry needs a kind: ssh, rdp, web or note.', 'support-provisioning-portal'));
        }
        if ($kind === self::KIND_NOTE) {
            return ['kind' => $kind, 'text' => self::noteText($entry['text'] ?? null, "{$field}.text")];
        }
        $label = self::label($entry['label'] ?? '', "{$field}.label");
        if ($kind === self::KIND_WEB) {
            $scheme = $entry['scheme'] ?? 'https';
            if (!is_string($scheme) || !isset(self::WEB_DEFAULT_PORTS[$scheme])) {
                throw new InvalidInput("{$field}.scheme", __('The scheme must be https or http.', 'support-provisioning-portal'));
            }
            return [
                'kind' => $kind,
                'label' => $label,
                'scheme' => $scheme,
                'port' => self::port($entry['port'] ?? self::WEB_DEFAULT_PORTS[$scheme], "{$field}.port"),
                'path' => self::path($entry['path'] ?? '/', "{$field}.path"),
            ];
        }
        return [
            'kind' => $kind,
            'label' => $label,
            'port' => self::port($entry['port'] ?? self::DEFAULT_PORTS[$kind], "{$field}.port"),
            'user' => self::user($kind, $entry['user'] ?? '', "{$field}.user"),
        ];
    }

    private static function port(mixed $port, string $field): int
    {
        if (!is_int($port) || $port < 1 || $port > 65535) {
            throw new InvalidInput($field, __('The port must be a whole number from 1 to 65535.', 'support-provisioning-portal'));
        }
        return $port;
    }

    private static function user(string $kind, mixed $user, string $field): string
    {
        $pattern = $kind === self::KIND_RDP ? self::RDP_USER_PATTERN : self::SSH_USER_PATTERN;
        if (!is_string($user) || ($user !== '' && preg_match($pattern, $user) !== 1)) {
            throw new InvalidInput($field, $kind === self::KIND_RDP
                ? __('The user name hint must be a Windows login such as Administrator, DOMAIN\\user or user@domain.example (at most 64 characters).', 'support-provisioning-portal')
                : __('The user name hint must be a login: letters, digits, ".", "_" and "-", not starting with "-" or "." (at most 64 characters).', 'support-provisioning-portal'));
        }
        return $user;
    }

    private static function path(mixed $path, string $field): string
    {
        if (!is_string($path) || strlen($path) > self::PATH_MAX_LENGTH || preg_match(self::PATH_PATTERN, $path) !== 1) {
            throw new InvalidInput($field, sprintf(
                /* translators: %d: maximum length */
                __('The path must start with "/" and contain only URL characters, at most %d of them.', 'support-provisioning-portal'),
                self::PATH_MAX_LENGTH
            ));
        }
        return $path;
    }

    private static function label(mixed $label, string $field): string
    {
        // Checked before trimming: trim() would also drop a trailing NUL or vertical tab unseen.
        $label = is_string($label) && TextRules::isSingleLine($label) ? trim($label) : null;
        if ($label === null || mb_strlen($label) > self::LABEL_MAX_LENGTH) {
            throw new InvalidInput($field, sprintf(
                /* translators: %d: maximum length */
                __('The label must be one line of at most %d characters, without control characters.', 'support-provisioning-portal'),
                self::LABEL_MAX_LENGTH
            ));
        }
        return $label;
    }

    private static function noteText(mixed $text, string $field): string
    {
        $text = is_string($text) ? str_replace("\r\n", "\n", $text) : '';
        $text = TextRules::isMultiLine($text) ? trim($text) : '';
        if ($text === '' || mb_strlen($text) > self::NOTE_MAX_LENGTH) {
            throw new InvalidInput($field, sprintf(
                /* translators: %d: maximum length */
                __('A note needs text: at most %d characters, line breaks allowed, no other control characters.', 'support-provisioning-portal'),
                self::NOTE_MAX_LENGTH
            ));
        }
        return $text;
    }
}
