<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Domain;

/**
 * Bounds of paged lists (CONTRACT §6: per_page ≤ 100). The page bound keeps the SQL offset a
 * positive 32-bit number however a caller pages.
 */
final class Paging
{
    public const MAX_PER_PAGE = 100;
    public const MAX_PAGE = 10_000_000;

    /**
     * The number of rows before the page.
     *
     * @throws \InvalidArgumentException when page or per_page is out of bounds
     */
    public static function offset(int $page, int $perPage): int
    {
        if ($page < 1 || $page > self::MAX_PAGE || $perPage < 1 || $perPage > self::MAX_PER_PAGE) {
            throw new \InvalidArgumentException(sprintf('Page %d of %d rows is out of bounds', $page, $perPage));
        }
        return ($page - 1) * $perPage;
    }
}
