<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Mail\MailSettings;
use SupportProvisioningPortal\Service\TicketSettings;
use SupportProvisioningPortal\Settings\SettingsStore;

/**
 * Migration: the options every portal request reads exist and are autoloaded. A site that never
 * saved them otherwise asks the database for each on every request (WordPress remembers a
 * missing option only for the request); docs/decisions/read-performance.md. Stores the values
 * an absent option reads as, so nothing changes for the site; existing options stay as they are.
 */
final class AutoloadedOptions
{
    public static function add(): void
    {
        add_option(SettingsStore::OPTION, SettingsStore::defaults(), '', 'yes');
        add_option(TicketSettings::OPTION, '', '', 'yes');
    }

    /** Migration 17: the mail settings, which every list and detail read asks (`expiresSoon`). */
    public static function addMailSettings(): void
    {
        add_option(MailSettings::OPTION, MailSettings::all(), '', 'yes');
    }
}
