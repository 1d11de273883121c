<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\PlacementPolicy;
use SupportProvisioningPortal\Domain\QuotaPolicy;

/**
 * The placement settings (docs/decisions/placement.md): policy, fixed node, the allow-list of
 * nodes and the memory reserve per node.
 */
final class PlacementSettings
{
    private const NODE = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

    /**
     * @param array<string, mixed> $settings
     * @return list<string> the allowed nodes; empty = every node
     */
    public static function allowedNodes(array $settings): array
    {
        return array_values(array_filter(array_map('trim', explode(',', (string) $settings['placementNodes'])), 'strlen'));
    }

    /** @param array<string, mixed> $settings */
    public static function reserveMb(array $settings, string $node): int
    {
        return self::reserves($settings)[$node] ?? (int) $settings['nodeReserveMb'];
    }

    /**
     * @param array<string, mixed> $settings
     * @return array<string, int> node => MB
     */
    private static function reserves(array $settings): array
    {
        $reserves = [];
        foreach (array_filter(array_map('trim', explode(',', (string) $settings['nodeReserves'])), 'strlen') as $entry) {
            [$node, $mb] = array_pad(array_map('trim', explode('=', $entry, 2)), 2, '');
            $reserves[$node] = (int) $mb;
        }
        return $reserves;
    }

    /**
     * @param array<string, mixed> $settings
     * @return array<string, string> field => message
     */
    public static function errors(array $settings): array
    {
        $errors = [];
        $node = '~^' . self::NODE . '$~';
        if (!in_array($settings['placementPolicy'], PlacementPolicy::ALL, true)) {
            $errors['placementPolicy'] = __('The placement policy must be memory, fixed or spread.', 'support-provisioning-portal');
        } elseif ($settings['placementPolicy'] === PlacementPolicy::FIXED && !preg_match($node, (string) $settings['placementNode'])) {
            $errors['placementNode'] = __('The fixed placement policy needs the name of the node to place on.', 'support-provisioning-portal');
        }
        foreach (self::allowedNodes($settings) as $allowed) {
            if (!preg_match($node, $allowed)) {
                $errors['placementNodes'] = __('The allowed nodes must be node names separated by commas.', 'support-provisioning-portal');
            }
        }
        $entry = '~^\s*' . self::NODE . '\s*=\s*\d{1,7}\s*$~';
        foreach (array_filter(explode(',', (string) $settings['nodeReserves']), static fn (string $e): bool => trim($e) !== '') as $reserve) {
            if (!preg_match($entry, $reserve)) {
                $errors['nodeReserves'] = __('Node reserves must look like pve1=4096, pve2=8192 (node name = MB).', 'support-provisioning-portal');
            }
        }
        if ($settings['nodeReserveMb'] < 0 || $settings['nodeReserveMb'] > QuotaPolicy::MAX_LIMIT) {
            /* translators: %d: the largest value */
            $errors['nodeReserveMb'] = sprintf(__('The node reserve must be between 0 and %d MB.', 'support-provisioning-portal'), QuotaPolicy::MAX_LIMIT);
        }
        return $errors;
    }
}
