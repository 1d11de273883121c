<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\UserRights;
use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * The texts of the notification mails (Notifications), in the recipient's locale. Like the
 * warnings they name the deployment and link to it, and never carry an error text or a secret.
 */
final class NotificationMails
{
    public static function compose(string $kind, DeploymentRecord $d, \WP_User $to, \WP_User $actor): Message
    {
        [$subject, $body] = match ($kind) {
            MailPreferences::PROVISIONED => [
                /* translators: %s: deployment name */
                sprintf(__('“%s” is ready', 'support-provisioning-portal'), $d->name),
                /* translators: 1: deployment name, 2: template name */
                sprintf(__('Your deployment “%1$s” (%2$s) is ready. Its connection details are in the portal.', 'support-provisioning-portal'), $d->name, $d->templateName),
            ],
            MailPreferences::PROVISION_FAILED => [
                /* translators: %s: deployment name */
                sprintf(__('“%s” could not be made', 'support-provisioning-portal'), $d->name),
                /* translators: 1: deployment name, 2: template name */
                sprintf(__('Your deployment “%1$s” (%2$s) could not be made; what was cloned has been removed. The portal shows why.', 'support-provisioning-portal'), $d->name, $d->templateName),
            ],
            MailPreferences::EXPIRED => [
                /* translators: %s: deployment name */
                sprintf(__('“%s” has expired', 'support-provisioning-portal'), $d->name),
                sprintf(
                    /* translators: 1: deployment name, 2: template name */
                    __('Your deployment “%1$s” (%2$s) has expired. Its VM is stopped and kept, protected: prolong it to use it again, or delete it.', 'support-provisioning-portal'),
                    $d->name,
                    $d->templateName
                ),
            ],
            default => [
                /* translators: 1: who shared it, 2: deployment name */
                sprintf(__('%1$s shared “%2$s” with you', 'support-provisioning-portal'), $actor->display_name, $d->name),
                /* translators: 1: who shared it, 2: deployment name, 3: template name */
                sprintf(__('%1$s shared the deployment “%2$s” (%3$s) with you.', 'support-provisioning-portal'), $actor->display_name, $d->name, $d->templateName),
            ],
        };
        $mayProlong = $kind === MailPreferences::EXPIRED
            && UserRights::has($to->ID, Right::PORTAL_ACCESS)
            && UserRights::has($to->ID, Right::PROLONG);
        $link = $mayProlong
            ? [__('Prolong the deployment', 'support-provisioning-portal'), ProlongLink::url($d->id, Mails::suggestedProlongHours($d))]
            : [__('Open the deployment', 'support-provisioning-portal'), ProlongLink::openUrl($d->id)];
        return Message::compose(Mails::subject($subject), [Mails::greeting($to), $body], [$link], Mails::footer());
    }

    /**
     * Deployments handed over to the recipient in one request: one names the deployment, several
     * are listed, each with who owned it before.
     *
     * @param non-empty-list<array{deployment: DeploymentRecord, from: string}> $items
     */
    public static function transferred(array $items, \WP_User $to): Message
    {
        if (count($items) === 1) {
            $d = $items[0]['deployment'];
            return Message::compose(
                /* translators: %s: deployment name */
                Mails::subject(sprintf(__('“%s” was handed over to you', 'support-provisioning-portal'), $d->name)),
                [
                    Mails::greeting($to),
                    sprintf(
                        /* translators: 1: deployment name, 2: template name, 3: the previous owner's name */
                        __('The deployment “%1$s” (%2$s) of %3$s was handed over to you. You are its owner now.', 'support-provisioning-portal'),
                        $d->name,
                        $d->templateName,
                        $items[0]['from']
                    ),
                ],
                [[__('Open the deployment', 'support-provisioning-portal'), ProlongLink::openUrl($d->id)]],
                Mails::footer()
            );
        }
        $lines = [];
        $links = [];
        foreach ($items as ['deployment' => $d, 'from' => $from]) {
            /* translators: 1: deployment name, 2: template name, 3: the previous owner's name */
            $lines[] = '• ' . sprintf(__('“%1$s” (%2$s), from %3$s', 'support-provisioning-portal'), $d->name, $d->templateName, $from);
            /* translators: %s: deployment name */
            $links[] = [sprintf(__('Open “%s”', 'support-provisioning-portal'), $d->name), ProlongLink::openUrl($d->id)];
        }
        return Message::compose(
            Mails::subject(sprintf(
                /* translators: %d: number of deployments */
                _n('%d deployment was handed over to you', '%d deployments were handed over to you', count($items), 'support-provisioning-portal'),
                count($items)
            )),
            [
                Mails::greeting($to),
                __('These deployments were handed over to you. You are their owner now:', 'support-provisioning-portal'),
                implode("\n", $lines),
            ],
            $links,
            Mails::footer()
        );
    }
}
