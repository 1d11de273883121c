<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Service\AuditTrail;
use SupportProvisioningPortal\Store\DeploymentStore;

/**
 * Mails about events the audit log records: a provisioning finished or failed, a deployment
 * expired, a deployment was shared with someone. The audit row of each is written once, by the
 * one request or worker that won the change, so each mail goes out once. They are sent when the
 * request or tick ends (`shutdown`), after its database work is committed.
 */
final class Notifications
{
    /** Audit action => the preference kind, and who is told. */
    private const EVENTS = [
        'deployment.provisioned' => MailPreferences::PROVISIONED,
        'deployment.provision_failed' => MailPreferences::PROVISION_FAILED,
        'deployment.expire' => MailPreferences::EXPIRED,
        'share.add' => MailPreferences::SHARED,
    ];

    /** @var list<array{kind: string, deploymentId: int, userId: int|null}> */
    private static array $queue = [];

    /** @param array{action: string, result: string, deploymentId: ?int, details: array<string, mixed>} $entry */
    public static function onAudit(array $entry): void
    {
        $kind = self::EVENTS[$entry['action']] ?? null;
        $deploymentId = (int) ($entry['deploymentId'] ?? 0);
        $failure = $kind === MailPreferences::PROVISION_FAILED;
        if ($kind === null || $deploymentId === 0 || ($entry['result'] !== AuditTrail::SUCCESS && !$failure)) {
            return;
        }
        // A share that added nobody (the owner, or again) tells nobody.
        if ($kind === MailPreferences::SHARED && ($entry['details']['added'] ?? false) !== true) {
            return;
        }
        $userId = $kind === MailPreferences::SHARED ? (int) ($entry['details']['userId'] ?? 0) : null;
        if (self::$queue === []) {
            add_action('shutdown', [self::class, 'flush']);
        }
        self::$queue[] = ['kind' => $kind, 'deploymentId' => $deploymentId, 'userId' => $userId];
    }

    public static function flush(): void
    {
        $queue = self::$queue;
        self::$queue = [];
        foreach ($queue as $event) {
            $deployment = DeploymentStore::find($event['deploymentId']);
            if ($deployment === null) {
                continue;
            }
            $sharedBy = wp_get_current_user();
            foreach (Recipients::wanting([$event['userId'] ?? $deployment->ownerId], $event['kind']) as $recipient) {
                Mailer::send($recipient, static fn (\WP_User $to): Message => NotificationMails::compose($event['kind'], $deployment, $to, $sharedBy));
            }
        }
    }
}
