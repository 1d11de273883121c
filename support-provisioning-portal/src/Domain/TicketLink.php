<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * Turns a ticket reference into a link to the tracker, with the site's pattern such as
 * https://tracker.example/browse/{ticket}.
 */
final class TicketLink
{
    public const PLACEHOLDER = '{ticket}';
    public const PATTERN_MAX_LENGTH = 500;

    /** Whether the pattern is an http(s) URL with a host and exactly one placeholder ('' = no links). */
    public static function isValidPattern(string $pattern): bool
    {
        if ($pattern === '') {
            return true;
        }
        if (
            strlen($pattern) > self::PATTERN_MAX_LENGTH || substr_count($pattern, self::PLACEHOLDER) !== 1
            || preg_match('~[\s"\'<>\\\\^`{|}]~', str_replace(self::PLACEHOLDER, '', $pattern)) === 1
            || preg_match('~[^\x21-\x7e]~', $pattern) === 1
        ) {
            return false;
        }
        // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- Domain loads no WordPress; PHP 8.1's parse_url() is what wp_parse_url() wraps
        $parts = parse_url(str_replace(self::PLACEHOLDER, 'T', $pattern));
        return is_array($parts)
            && in_array(strtolower($parts['scheme'] ?? ''), ['http', 'https'], true)
            && ($parts['host'] ?? '') !== '';
    }

    /** The link for a reference, or null without a reference or a pattern. */
    public static function url(string $pattern, string $ticketRef): ?string
    {
        if ($pattern === '' || $ticketRef === '') {
            return null;
        }
        return str_replace(self::PLACEHOLDER, rawurlencode($ticketRef), $pattern);
    }
}
