<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Admin\AdminPage;

/**
 * The link in a mail that opens a deployment in wp-admin (after the login, which keeps the query)
 * with the prolong filled in. It only fills in the form: the prolong is the user's POST.
 * The admin app reads the two parameters (ui/admin/prolongLink.ts).
 */
final class ProlongLink
{
    public const DEPLOYMENT_PARAM = 'spp_prolong';
    public const HOURS_PARAM = 'spp_hours';
    public const OPEN_PARAM = 'spp_open';

    public static function url(int $deploymentId, int $hours): string
    {
        return add_query_arg(
            [self::DEPLOYMENT_PARAM => $deploymentId, self::HOURS_PARAM => $hours],
            self::adminPage()
        );
    }

    /** Opens the deployment, without filling anything in. */
    public static function openUrl(int $deploymentId): string
    {
        return add_query_arg([self::OPEN_PARAM => $deploymentId], self::adminPage());
    }

    private static function adminPage(): string
    {
        return admin_url('admin.php?page=' . AdminPage::SLUG);
    }
}
