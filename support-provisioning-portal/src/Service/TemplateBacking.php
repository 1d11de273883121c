<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\TemplateInfo;
use SupportProvisioningPortal\Store\TemplateStore;

/**
 * Where an approved template can be cloned from, and how (docs/decisions/placement.md): its
 * VMID on its node, copies on other nodes (one VMID per node), whether its disks are on shared
 * storage (then any node, with `target`), and full or linked clones.
 */
final class TemplateBacking
{
    public const FULL = 'full';
    public const LINKED = 'linked';

    /**
     * The template VMID to clone per node it lives on: its own node first, then its copies.
     *
     * @param array<string, int|string> $row a TemplateStore row
     * @return array<string, int> node => VMID
     */
    public static function sources(array $row, string $configuredNode): array
    {
        $own = $row['node'] !== '' ? (string) $row['node'] : $configuredNode;
        return [$own => (int) $row['proxmox_vmid']] + self::copies($row);
    }

    /**
     * @param array<string, int|string> $row
     * @return array<string, int> node => VMID of the copies on other nodes
     */
    public static function copies(array $row): array
    {
        $decoded = json_decode((string) ($row['node_copies'] ?? ''), true);
        $copies = [];
        foreach (is_array($decoded) ? $decoded : [] as $node => $vmid) {
            $copies[(string) $node] = (int) $vmid;
        }
        return $copies;
    }

    /**
     * Checks the clone mode and copies an admin sends against what Proxmox lists, and returns
     * their columns. A linked clone needs every disk on storage that makes linked clones; each
     * copy must be a template on the node named.
     *
     * @param array<string, mixed> $values cloneMode and/or nodeCopies
     * @param list<TemplateInfo> $listed the cluster's templates
     * @return array<string, int|string>
     */
    public static function columns(array $values, TemplateInfo $template, array $listed): array
    {
        $columns = ['shared_storage' => (int) $template->sharedStorage, 'linked_clone' => (int) $template->linkedClone];
        if (isset($values['cloneMode'])) {
            if ($values['cloneMode'] === self::LINKED && !$template->linkedClone) {
                throw new InvalidTemplatePolicy('cloneMode', __(
                    'A linked clone needs every disk of the template on storage that makes linked clones (LVM-thin, ZFS, Ceph RBD, or a base image on directory storage).',
                    'support-provisioning-portal'
                ));
            }
            $columns['clone_mode'] = (string) $values['cloneMode'];
        }
        if (isset($values['nodeCopies']) && is_array($values['nodeCopies'])) {
            $copies = [];
            foreach ($values['nodeCopies'] as $node => $vmid) {
                if (!self::listedOn($listed, (string) $node, (int) $vmid)) {
                    throw new InvalidTemplatePolicy('nodeCopies', sprintf(
                        /* translators: 1: Proxmox VMID, 2: Proxmox node name */
                        __('VMID %1$d is not a QEMU template on Proxmox node %2$s.', 'support-provisioning-portal'),
                        (int) $vmid,
                        (string) $node
                    ));
                }
                $copies[(string) $node] = (int) $vmid;
            }
            ksort($copies);
            $columns['node_copies'] = (string) wp_json_encode((object) $copies);
        }
        return $columns;
    }

    /** @param list<TemplateInfo> $listed */
    public static function listedOn(array $listed, string $node, int $vmid): bool
    {
        foreach ($listed as $template) {
            if ($template->vmid === $vmid && ($template->node === $node || $template->node === '')) {
                return true;
            }
        }
        return false;
    }
}
