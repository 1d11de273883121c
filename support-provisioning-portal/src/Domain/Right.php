<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Domain;

/**
 * A plugin right, stored per user by its key (CONTRACT §2).
 */
enum Right: string
{
    case PORTAL_ACCESS = 'portal_access';
    case CREATE = 'create';
    case START = 'start';
    case STOP = 'stop';
    case PROLONG = 'prolong';
    case REFRESH_IPS = 'refresh_ips';
    case DELETE = 'delete';
    case MANAGE_ALL = 'manage_all';
    case MANAGE_TEMPLATES = 'manage_templates';
    case MANAGE_SETTINGS = 'manage_settings';
    case MANAGE_RIGHTS = 'manage_rights';
    /** Take, roll back and delete snapshots of visible deployments (docs/decisions/snapshots.md). */
    case SNAPSHOT = 'snapshot';

    /**
     * English label; the WordPress layer translates it.
     */
    public function label(): string
    {
        return match ($this) {
            self::PORTAL_ACCESS => 'Open portal and view deployments',
            self::CREATE => 'Create deployments',
            self::START => 'Start deployments',
            self::STOP => 'Stop deployments',
            self::PROLONG => 'Prolong deployments',
            self::REFRESH_IPS => 'Refresh IP addresses',
            self::DELETE => 'Delete deployments',
            self::MANAGE_ALL => 'View and manage all deployments',
            self::MANAGE_TEMPLATES => 'Manage templates',
            self::MANAGE_SETTINGS => 'Manage Proxmox settings and quotas',
            self::MANAGE_RIGHTS => 'Manage user rights',
            self::SNAPSHOT => 'Take, roll back and delete snapshots',
        };
    }

    /**
     * Parses right keys, dropping duplicates.
     *
     * @param array<mixed> $keys right keys, e.g. from a REST body or a stored user option
     * @return list<Right> in the order of the enum's cases
     * @throws \InvalidArgumentException when a key is not a known right
     */
    public static function fromKeys(array $keys): array
    {
        $rights = [];
        foreach ($keys as $key) {
            $right = is_string($key) ? self::tryFrom($key) : null;
            if ($right === null) {
                // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- not debugging: names the unknown key in the error
                throw new \InvalidArgumentException(sprintf('Unknown right: %s', var_export($key, true)));
            }
            $rights[] = $right;
        }
        return self::ordered($rights);
    }

    /**
     * Deduplicates rights and sorts them in the order of the enum's cases.
     *
     * @param array<Right> $rights
     * @return list<Right>
     */
    public static function ordered(array $rights): array
    {
        return array_values(array_filter(
            self::cases(),
            static fn (Right $case): bool => in_array($case, $rights, true)
        ));
    }
}
