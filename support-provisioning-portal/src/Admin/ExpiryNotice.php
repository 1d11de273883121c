<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Admin;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Mail\ExpiryWarnings;
use SupportProvisioningPortal\Service\UserRights;
use SupportProvisioningPortal\Store\ExpiringDeployments;
use SupportProvisioningPortal\Support\Time;

/**
 * The admin notice on every wp-admin screen for an owner whose deployments expire within the
 * site's longest warning lead time, with a link to each.
 */
final class ExpiryNotice
{
    private const SHOWN = 5;

    public static function render(): void
    {
        $userId = get_current_user_id();
        if ($userId === 0 || !UserRights::has($userId, Right::PORTAL_ACCESS)) {
            return;
        }
        $expiring = ExpiringDeployments::ownedBy($userId, Time::nowDb(), Time::toDb(ExpiryWarnings::horizon()), self::SHOWN);
        if ($expiring === []) {
            return;
        }
        $items = '';
        foreach ($expiring as $deployment) {
            $expiresAt = Time::fromDb($deployment['expiresAt']) ?? Time::now();
            $items .= sprintf(
                '<li><a href="%1$s">%2$s</a> — %3$s</li>',
                esc_url(admin_url('admin.php?page=' . AdminPage::SLUG) . '#/deployments/' . $deployment['id']),
                esc_html($deployment['name']),
                /* translators: %s: time left, such as "3 hours" */
                esc_html(sprintf(__('expires in %s', 'support-provisioning-portal'), human_time_diff(time(), $expiresAt->getTimestamp())))
            );
        }
        printf(
            '<div class="notice notice-warning spp-expiry-notice"><p>%1$s</p><ul>%2$s</ul></div>',
            esc_html__('Your deployments that expire soon: prolong them if you still need them.', 'support-provisioning-portal'),
            $items // Built from escaped parts above.
        );
    }
}
