<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Store\AuditAnonymiser;
use SupportProvisioningPortal\Store\PrivacyStore;
use SupportProvisioningPortal\Store\RightsStore;
use SupportProvisioningPortal\Store\UsageHistory;

/**
 * WordPress's privacy tools (Tools → Export/Erase Personal Data): what the plugin stores about a
 * user, and the eraser that anonymises their audit rows instead of deleting them
 * (docs/decisions/privacy.md).
 */
final class Privacy
{
    public const KEY = 'support-provisioning-portal';

    /**
     * @param array<string, array<string, mixed>> $exporters
     * @return array<string, array<string, mixed>>
     */
    public static function addExporter(array $exporters): array
    {
        $exporters[self::KEY] = ['exporter_friendly_name' => __('Support Provisioning Portal', 'support-provisioning-portal'), 'callback' => [self::class, 'export']];
        return $exporters;
    }

    /**
     * @param array<string, array<string, mixed>> $erasers
     * @return array<string, array<string, mixed>>
     */
    public static function addEraser(array $erasers): array
    {
        $erasers[self::KEY] = ['eraser_friendly_name' => __('Support Provisioning Portal', 'support-provisioning-portal'), 'callback' => [self::class, 'erase']];
        return $erasers;
    }

    /**
     * Page 1: rights, owned deployments and shares; every page: up to 100 of the user's audit rows.
     *
     * @return array{data: list<array<string, mixed>>, done: bool}
     */
    public static function export(string $email, int $page = 1): array
    {
        $user = get_user_by('email', $email);
        if (!$user instanceof \WP_User) {
            return ['data' => [], 'done' => true];
        }
        $data = $page === 1 ? self::accountItems($user) : [];
        $audit = PrivacyStore::auditRows($user->ID, $page);
        foreach ($audit as $row) {
            $data[] = self::item('spp-audit', __('Portal audit log', 'support-provisioning-portal'), 'spp-audit-' . $row['id'], [
                __('Time (UTC)', 'support-provisioning-portal') => $row['created_at'],
                __('Action', 'support-provisioning-portal') => $row['action'],
                __('Result', 'support-provisioning-portal') => $row['result'],
                __('Login', 'support-provisioning-portal') => $row['actor_login'],
                __('IP address', 'support-provisioning-portal') => $row['ip'],
            ]);
        }
        return ['data' => $data, 'done' => count($audit) < PrivacyStore::PAGE];
    }

    /**
     * Anonymises the user's audit rows, a batch per page, and (on the first page) blanks the login
     * the usage history recorded for the user's deployments. Rights and deployment ownership are kept:
     * the portal needs them to run, and deleting the user hands the deployments over.
     *
     * @return array{items_removed: bool, items_retained: bool, messages: list<string>, done: bool}
     */
    public static function erase(string $email, int $page = 1): array
    {
        $user = get_user_by('email', $email);
        if (!$user instanceof \WP_User) {
            return ['items_removed' => false, 'items_retained' => false, 'messages' => [], 'done' => true];
        }
        $forgotten = $page === 1 ? UsageHistory::forgetLogin($user->ID) : 0;
        $anonymised = AuditAnonymiser::batch($user->ID, $user->user_login);
        $done = $anonymised < AuditAnonymiser::BATCH;
        $retains = $done && (RightsStore::get($user->ID) !== [] || PrivacyStore::ownedDeployments($user->ID) !== []);
        return [
            'items_removed' => $anonymised + $forgotten > 0,
            'items_retained' => $retains,
            'messages' => $retains ? [__(
                'Support Provisioning Portal: the user\'s rights and deployments are kept while the account exists; deleting the user hands the deployments to another owner.',
                'support-provisioning-portal'
            )] : [],
            'done' => $done,
        ];
    }

    /** @return list<array<string, mixed>> */
    private static function accountItems(\WP_User $user): array
    {
        $rights = array_map(static fn (Right $right): string => $right->value, RightsStore::get($user->ID));
        $items = [self::item('spp-rights', __('Portal rights', 'support-provisioning-portal'), 'spp-rights', [
            __('Rights', 'support-provisioning-portal') => implode(', ', $rights),
            __('RAM limit (MB)', 'support-provisioning-portal') => (string) (RightsStore::ramLimitMb($user->ID) ?? ''),
            __('VM limit', 'support-provisioning-portal') => (string) (RightsStore::vmLimit($user->ID) ?? ''),
        ])];
        foreach (PrivacyStore::ownedDeployments($user->ID) as $d) {
            $items[] = self::item('spp-deployments', __('Portal deployments owned', 'support-provisioning-portal'), 'spp-deployment-' . $d['id'], [
                __('Deployment', 'support-provisioning-portal') => $d['name'],
                __('Status', 'support-provisioning-portal') => $d['status'],
                __('Created (UTC)', 'support-provisioning-portal') => $d['created_at'],
                __('Ticket reference', 'support-provisioning-portal') => $d['ticket_ref'],
                __('Customer', 'support-provisioning-portal') => $d['customer'],
                __('Purpose', 'support-provisioning-portal') => $d['purpose'],
            ]);
        }
        foreach (PrivacyStore::sharedDeployments($user->ID) as $d) {
            $items[] = self::item('spp-shares', __('Portal deployments shared with the user', 'support-provisioning-portal'), 'spp-share-' . $d['id'], [
                __('Deployment', 'support-provisioning-portal') => $d['name'],
                __('Shared since (UTC)', 'support-provisioning-portal') => $d['created_at'],
            ]);
        }
        return $items;
    }

    /**
     * @param array<string, string> $fields
     * @return array<string, mixed>
     */
    private static function item(string $groupId, string $groupLabel, string $itemId, array $fields): array
    {
        $data = [];
        foreach ($fields as $name => $value) {
            $data[] = ['name' => $name, 'value' => $value];
        }
        return ['group_id' => $groupId, 'group_label' => $groupLabel, 'item_id' => $itemId, 'data' => $data];
    }
}
