<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\AutoStopSchedule;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Store\AutoStopStore;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Support\Time;

/**
 * Stops the running deployments of templates with an auto-stop schedule once their site-local
 * stop time has passed on a listed day: each once that day (a VM started again afterwards runs on),
 * through the user's stop path (claim, ownership proof, Proxmox's task), audited as
 * `deployment.auto_stop`. See docs/decisions/expiry-mail.md.
 */
final class AutoStop
{
    public const BATCH = 20;

    /** @return int how many deployments this call stopped */
    public static function sweep(float $deadline, int $limit = self::BATCH): int
    {
        $now = new \DateTimeImmutable('now', wp_timezone());
        $today = $now->format('Y-m-d');
        $stopped = 0;
        foreach (AutoStopStore::scheduledTemplates() as $template) {
            $days = AutoStopSchedule::daysFromColumn($template['auto_stop_days']);
            $moment = AutoStopSchedule::stopMomentOn($now, $template['auto_stop_time'], $days);
            if ($moment === null || $moment > $now) {
                continue;
            }
            $schedule = ['templateId' => $template['id'], 'autoStopTime' => $template['auto_stop_time'], 'autoStopDays' => $days];
            foreach (AutoStopStore::dueIds($template['id'], Time::toDb($moment), $today, $limit - $stopped) as $id) {
                if ($stopped >= $limit || microtime(true) >= $deadline) {
                    return $stopped;
                }
                $stopped += self::stop($id, $today, $schedule) ? 1 : 0;
            }
        }
        return $stopped;
    }

    /** @param array<string, mixed> $schedule for the audit row */
    private static function stop(int $id, string $today, array $schedule): bool
    {
        $claim = DeploymentStore::claim($id);
        if ($claim === null) {
            return false; // A user's action or a worker step holds it; the next tick looks again.
        }
        try {
            $d = DeploymentStore::find($id);
            if ($d === null || $d->status !== Status::RUNNING || $d->step !== '' || !AutoStopStore::mark($id, $today)) {
                return false;
            }
            try {
                $refusal = PowerAction::run($d, Action::STOP);
            } catch (ServiceError $error) {
                AuditTrail::recordSystem('deployment.auto_stop', $id, AuditTrail::ERROR, $schedule + ['error' => $error->errorCode->value]);
                return false;
            }
            $result = $refusal === null ? AuditTrail::SUCCESS : AuditTrail::ERROR;
            AuditTrail::recordSystem('deployment.auto_stop', $id, $result, $schedule + ($refusal === null ? [] : ['error' => $refusal->value]));
            return $refusal === null;
        } finally {
            DeploymentStore::release($claim);
        }
    }
}
