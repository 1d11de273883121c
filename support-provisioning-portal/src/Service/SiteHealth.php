<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\HealthRules;
use SupportProvisioningPortal\Settings\SecretBox;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Store\Schema;
use SupportProvisioningPortal\Support\Time;

/**
 * The plugin's tests on Tools → Site Health (docs/decisions/site-health.md). Each answers in
 * WordPress's format; the verdicts come from Domain\HealthRules.
 */
final class SiteHealth
{
    private const TESTS = [
        'spp_proxmox' => 'proxmox',
        'spp_tick' => 'tick',
        'spp_cron' => 'cron',
        'spp_schema' => 'schema',
        'spp_encryption_key' => 'encryptionKey',
    ];

    /**
     * @param array<string, array<string, mixed>> $tests
     * @return array<string, array<string, mixed>>
     */
    public static function addTests(array $tests): array
    {
        foreach (self::TESTS as $id => $method) {
            $tests['direct'][$id] = ['label' => __('Support Provisioning Portal', 'support-provisioning-portal'), 'test' => [self::class, $method]];
        }
        return $tests;
    }

    /** @return array<string, mixed> */
    public static function proxmox(): array
    {
        if (SettingsStore::all()['mode'] === SettingsStore::MODE_MOCK) {
            return self::result(
                'spp_proxmox',
                HealthRules::RECOMMENDED,
                __('The portal runs against its built-in mock', 'support-provisioning-portal'),
                __('No Proxmox cluster is configured: deployments are simulated. Configure one under Support Provisioning → Proxmox Settings.', 'support-provisioning-portal')
            );
        }
        $answer = SettingsService::testConnection([]);
        $failed = $answer instanceof \WP_Error ? [$answer->get_error_message()] : array_map(
            static fn (array $check): string => $check['message'],
            array_values(array_filter($answer['checks'], static fn (array $check): bool => !$check['ok']))
        );
        if ($failed === [] && !($answer instanceof \WP_Error) && $answer['ok']) {
            return self::result(
                'spp_proxmox',
                HealthRules::GOOD,
                __('Proxmox answers with the stored settings', 'support-provisioning-portal'),
                __('Every check of the connection test passed.', 'support-provisioning-portal')
            );
        }
        return self::result(
            'spp_proxmox',
            HealthRules::CRITICAL,
            __('Proxmox cannot be used with the stored settings', 'support-provisioning-portal'),
            implode(' ', $failed)
        );
    }

    /** @return array<string, mixed> */
    public static function tick(): array
    {
        $lastRun = Ticker::lastRun();
        $backlog = count(DeploymentStore::pendingIds(Ticker::PENDING_BATCH)) + count(DeploymentStore::dueIds(Time::now(), Ticker::PENDING_BATCH));
        $status = HealthRules::tick($lastRun, time(), $backlog);
        $facts = sprintf(
            /* translators: 1: date and time of the last tick, or "never", 2: number of deployments waiting */
            __('Last tick: %1$s. Deployments waiting for it: %2$d.', 'support-provisioning-portal'),
            $lastRun === null ? __('never', 'support-provisioning-portal') : wp_date('Y-m-d H:i:s T', $lastRun),
            $backlog
        );
        return $status === HealthRules::GOOD
            ? self::result('spp_tick', $status, __('The portal\'s tick runs on time', 'support-provisioning-portal'), $facts)
            : self::result(
                'spp_tick',
                $status,
                __('The portal\'s tick is late', 'support-provisioning-portal'),
                $facts . ' ' . __('Expiry and provisioning steps wait until it runs again.', 'support-provisioning-portal')
            );
    }

    /** @return array<string, mixed> */
    public static function cron(): array
    {
        $disabled = defined('DISABLE_WP_CRON') && constant('DISABLE_WP_CRON');
        $status = HealthRules::cron($disabled, Ticker::lastRun(), time());
        return match ($status) {
            HealthRules::GOOD => self::result(
                'spp_cron',
                $status,
                __('A system cron runs the portal\'s tick', 'support-provisioning-portal'),
                __('WP-Cron is disabled and the tick ran within the last five minutes.', 'support-provisioning-portal')
            ),
            HealthRules::RECOMMENDED => self::result(
                'spp_cron',
                $status,
                __('WP-Cron runs the portal\'s tick only when someone visits the site', 'support-provisioning-portal'),
                __('Define DISABLE_WP_CRON and call wp-cron.php from a system cron every minute, so deployments expire on time on a quiet site.', 'support-provisioning-portal')
            ),
            default => self::result(
                'spp_cron',
                $status,
                __('WP-Cron is disabled and no system cron runs the portal\'s tick', 'support-provisioning-portal'),
                __('Call wp-cron.php (or wp cron event run --due-now) from a system cron every minute.', 'support-provisioning-portal')
            ),
        };
    }

    /** @return array<string, mixed> */
    public static function schema(): array
    {
        $installed = Schema::installedVersion();
        $latest = Schema::latestVersion();
        $facts = sprintf(/* translators: 1: installed schema version, 2: the plugin's */ __('Database schema %1$d; this plugin version needs %2$d.', 'support-provisioning-portal'), $installed, $latest);
        return HealthRules::schema($installed, $latest) === HealthRules::GOOD
            ? self::result('spp_schema', HealthRules::GOOD, __('The portal\'s database schema is current', 'support-provisioning-portal'), $facts)
            : self::result(
                'spp_schema',
                HealthRules::CRITICAL,
                __('The portal\'s database schema does not match the plugin', 'support-provisioning-portal'),
                $facts
            );
    }

    /** @return array<string, mixed> */
    public static function encryptionKey(): array
    {
        $sealed = get_option(SettingsStore::SECRET_OPTION, '');
        $opens = SettingsStore::tokenSecretFromConstant() || !is_string($sealed) || $sealed === '' || SecretBox::open($sealed) !== null;
        $status = HealthRules::encryptionKey(defined('SPP_ENCRYPTION_KEY'), $opens);
        return match ($status) {
            HealthRules::GOOD => self::result(
                'spp_encryption_key',
                $status,
                __('The portal has its own encryption key', 'support-provisioning-portal'),
                __('SPP_ENCRYPTION_KEY is defined in wp-config.php.', 'support-provisioning-portal')
            ),
            HealthRules::RECOMMENDED => self::result(
                'spp_encryption_key',
                $status,
                __('The portal\'s encryption key comes from WordPress\'s salts', 'support-provisioning-portal'),
                __('Rotating the salts makes the stored Proxmox token secret unreadable. Define SPP_ENCRYPTION_KEY in wp-config.php to keep it independent.', 'support-provisioning-portal')
            ),
            default => self::result(
                'spp_encryption_key',
                $status,
                __('The stored Proxmox token secret cannot be decrypted', 'support-provisioning-portal'),
                __('The encryption key changed since it was saved (salts rotated or SPP_ENCRYPTION_KEY changed). Enter the token secret again under Proxmox Settings.', 'support-provisioning-portal')
            ),
        };
    }

    /** @return array<string, mixed> */
    private static function result(string $test, string $status, string $label, string $description): array
    {
        return [
            'label' => $label,
            'status' => $status,
            'badge' => ['label' => __('Support Provisioning', 'support-provisioning-portal'), 'color' => $status === HealthRules::GOOD ? 'blue' : 'red'],
            'description' => '<p>' . esc_html($description) . '</p>',
            'actions' => '',
            'test' => $test,
        ];
    }
}
