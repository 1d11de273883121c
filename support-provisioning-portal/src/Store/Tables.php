<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * The plugin's table names for the current site (per-site prefix on multisite).
 */
final class Tables
{
    public const TEMPLATES = 'spp_templates';
    public const DEPLOYMENTS = 'spp_deployments';
    public const SHARES = 'spp_deployment_shares';
    public const AUDIT_LOGS = 'spp_audit_logs';
    public const MOCK_VMS = 'spp_mock_vms';
    public const MOCK_TASKS = 'spp_mock_tasks';
    public const MOCK_SNAPSHOTS = 'spp_mock_snapshots';
    public const MAIL_LOG = 'spp_mail_log';
    public const USAGE_HISTORY = 'spp_usage_history';

    /** @var list<string> */
    public const ALL = [self::TEMPLATES, self::DEPLOYMENTS, self::SHARES, self::AUDIT_LOGS, self::MOCK_VMS, self::MOCK_TASKS, self::MOCK_SNAPSHOTS, self::MAIL_LOG, self::USAGE_HISTORY];

    public static function name(string $table): string
    {
        global $wpdb;
        return $wpdb->prefix . $table;
    }
}
