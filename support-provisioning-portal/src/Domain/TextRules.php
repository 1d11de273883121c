<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * Rules shared by the free-text fields an admin or user types (labels, hints, ticket fields).
 */
final class TextRules
{
    /**
     * Any text without control or invisible formatting characters (bidi overrides, zero-width …).
     * `\z`, not `$`: PCRE's `$` also matches before a final line feed.
     */
    public const SINGLE_LINE_PATTERN = '^[^\p{Cc}\p{Cf}]*\z';

    /** Like a single line, but line feeds are allowed. */
    private const MULTI_LINE_PATTERN = '~^(?:[^\p{Cc}\p{Cf}]|\n)*\z~u';

    public static function isSingleLine(string $text): bool
    {
        return preg_match('~' . self::SINGLE_LINE_PATTERN . '~u', $text) === 1;
    }

    public static function isMultiLine(string $text): bool
    {
        return preg_match(self::MULTI_LINE_PATTERN, $text) === 1;
    }
}
