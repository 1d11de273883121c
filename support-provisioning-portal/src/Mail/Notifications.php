<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Service\AuditTrail;
use SupportProvisioningPortal\Service\Handover;
use SupportProvisioningPortal\Store\DeploymentStore;

/**
 * Mails about events the audit log records: a provisioning finished or failed, a deployment
 * expired, a deployment was shared with someone or handed over to them. The audit row of each is
 * written once, by the one request or worker that won the change, so each mail goes out once. They
 * are sent when the request or tick ends (`shutdown`), after its database work is committed.
 *
 * Hand-overs are gathered per receiver: whoever receives several deployments in one request (a bulk
 * transfer, a deleted user's deployments) gets one mail listing them (docs/decisions/hand-over.md).
 */
final class Notifications
{
    /** Audit action => the preference kind, and who is told. */
    private const EVENTS = [
        'deployment.provisioned' => MailPreferences::PROVISIONED,
        'deployment.provision_failed' => MailPreferences::PROVISION_FAILED,
        'deployment.expire' => MailPreferences::EXPIRED,
        'share.add' => MailPreferences::SHARED,
        Handover::NOTICE_ACTION => MailPreferences::TRANSFERRED,
    ];

    /** @var list<array{kind: string, deploymentId: int, userId: int|null}> */
    private static array $queue = [];

    /**
     * Hand-overs per site and receiver, in the order they happened.
     *
     * @var array<string, array{blogId: int, userId: int, items: list<array{deploymentId: int, from: string}>}>
     */
    private static array $handovers = [];

    /** @param array{action: string, result: string, deploymentId: ?int, actorId?: ?int, objectId?: string, details: array<string, mixed>} $entry */
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
        if ($kind === MailPreferences::TRANSFERRED) {
            self::handedOver($entry, $deploymentId);
            return;
        }
        $userId = $kind === MailPreferences::SHARED ? (int) ($entry['details']['userId'] ?? 0) : null;
        self::sendAtShutdown();
        self::$queue[] = ['kind' => $kind, 'deploymentId' => $deploymentId, 'userId' => $userId];
    }

    public static function flush(): void
    {
        $queue = self::$queue;
        $handovers = self::$handovers;
        self::$queue = [];
        self::$handovers = [];
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
        foreach ($handovers as $handover) {
            self::sendHandover($handover);
        }
    }

    /**
     * A `notice.transfer` row: the receiver is its object. Nobody is told of what they did
     * themselves (a manager taking a deployment, the deleting user receiving a leaver's).
     *
     * @param array{actorId?: ?int, objectId?: string, details: array<string, mixed>} $entry
     */
    private static function handedOver(array $entry, int $deploymentId): void
    {
        $receiverId = (int) ($entry['objectId'] ?? 0);
        if ($receiverId === 0 || $receiverId === (int) ($entry['actorId'] ?? 0)) {
            return;
        }
        // Named now: a deleted user's account is gone by the time the mail is sent.
        $fromLogin = (string) ($entry['details']['fromLogin'] ?? '');
        $from = $fromLogin === '' ? false : get_user_by('login', $fromLogin);
        $blogId = get_current_blog_id();
        $key = $blogId . ':' . $receiverId;
        self::sendAtShutdown();
        self::$handovers[$key] ??= ['blogId' => $blogId, 'userId' => $receiverId, 'items' => []];
        self::$handovers[$key]['items'][] = [
            'deploymentId' => $deploymentId,
            'from' => $from instanceof \WP_User ? $from->display_name : $fromLogin,
        ];
    }

    /**
     * One mail to one receiver about everything handed to them on one site. A user removed from a
     * site of a network hands over there (WordPress switched to it), so the mail is built there too.
     * A mail that cannot be sent changes nothing: the hand-over is done and audited.
     *
     * @param array{blogId: int, userId: int, items: list<array{deploymentId: int, from: string}>} $handover
     */
    private static function sendHandover(array $handover): void
    {
        $switched = is_multisite() && $handover['blogId'] !== get_current_blog_id() && switch_to_blog($handover['blogId']);
        try {
            $items = [];
            foreach ($handover['items'] as $item) {
                $deployment = DeploymentStore::find($item['deploymentId']);
                if ($deployment !== null && $deployment->ownerId === $handover['userId']) {
                    $items[] = ['deployment' => $deployment, 'from' => $item['from']];
                }
            }
            if ($items === []) {
                return;
            }
            foreach (Recipients::wanting([$handover['userId']], MailPreferences::TRANSFERRED) as $recipient) {
                Mailer::send($recipient, static fn (\WP_User $to): Message => NotificationMails::transferred($items, $to));
            }
        } catch (\Throwable) {
            // wp_mail reports its own failures (wp_mail_failed); this was a filter or transport
            // that threw. The other receivers are still told.
        } finally {
            if ($switched) {
                restore_current_blog();
            }
        }
    }

    private static function sendAtShutdown(): void
    {
        if (self::$queue === [] && self::$handovers === []) {
            add_action('shutdown', [self::class, 'flush']);
        }
    }
}
