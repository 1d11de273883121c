<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\TicketLink;

/**
 * The site's ticket URL pattern, which turns ticket references into links ('' = plain text).
 */
final class TicketSettings
{
    public const OPTION = 'spp_ticket_url_pattern';

    public static function pattern(): string
    {
        $pattern = get_option(self::OPTION, '');
        return is_string($pattern) && TicketLink::isValidPattern($pattern) ? $pattern : '';
    }

    /** @throws InvalidInput */
    public static function update(string $pattern): void
    {
        $pattern = trim($pattern);
        if (!TicketLink::isValidPattern($pattern)) {
            throw new InvalidInput('ticketUrlPattern', __(
                'The ticket URL pattern must be an https:// or http:// URL containing {ticket} exactly once, for example https://tracker.example/browse/{ticket}.',
                'support-provisioning-portal'
            ));
        }
        AuditTrail::addDetails(['before' => self::pattern(), 'after' => $pattern]);
        update_option(self::OPTION, $pattern, true);
    }

    public static function urlFor(string $ticketRef): ?string
    {
        // Most rows carry no reference: no pattern to read and check for them (lists ask per row).
        return $ticketRef === '' ? null : TicketLink::url(self::pattern(), $ticketRef);
    }
}
