<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\TaskWaiter;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Wiring;

/**
 * One start or stop of a claimed deployment's VM, waited for as long as Proxmox itself waits
 * (qemu-server's config_aware_timeout: 30 s, or a second per GiB of RAM above 30 GiB).
 */
final class PowerAction
{
    private const MIN_TIMEOUT_SECONDS = 30;
    private const LARGE_MEMORY_MB = 30720;

    public function __construct(
        private readonly ClientResolver $clients,
        private readonly DeploymentTable $rows,
        private readonly OwnedVm $owned,
        private readonly VmReconciler $reconciler,
        private readonly TaskWaiter $waiter,
    ) {
    }

    /**
     * @return ErrorCode|null null when done; the refusal when the deployment changed status meanwhile
     * @throws ServiceError
     */
    public static function run(DeploymentRecord $d, Action $action): ?ErrorCode
    {
        return Wiring::powerAction()->perform($d, $action);
    }

    /**
     * @return ErrorCode|null null when done; the refusal when the deployment changed status meanwhile
     * @throws ServiceError
     */
    public function perform(DeploymentRecord $d, Action $action): ?ErrorCode
    {
        $verb = $action === Action::START ? 'start' : 'stop';
        $timeout = self::timeoutSeconds($d->memoryMb);
        try {
            $vm = $this->owned->prove($d)->vm;
            $proxmox = $this->clients->client();
            if (function_exists('set_time_limit')) {
                set_time_limit($timeout + 30); // phpcs:ignore Squiz.PHP.DiscouragedFunctions.Discouraged -- the request waits for Proxmox's task up to $timeout
            }
            $status = $this->waiter->waitFor($proxmox, $action === Action::START ? $proxmox->start($vm) : $proxmox->stop($vm), $timeout);
            if (!$status->succeeded()) {
                // Whatever the task says, the VM's state now is what the deployment shows.
                $this->reconciler->storeTruth($d, $vm, $proxmox->vmStatus($vm));
                $problem = $status->running
                    ? sprintf('Proxmox did not finish the %s task within %d seconds.', $verb, $timeout)
                    : $status->exitStatus;
                throw $this->failure(new ProxmoxError($problem), $d->id);
            }
        } catch (ProxmoxError $error) {
            throw $this->failure($error, $d->id);
        }
        $to = $action === Action::START ? Status::RUNNING : Status::STOPPED;
        $fields = $action === Action::START ? ['last_error' => ''] : ['last_error' => '', 'ip_addresses' => '[]'];
        if ($this->rows->transition($d->id, [$d->status], $to, $fields)) {
            return null;
        }
        return $this->changedMeanwhile($d->id);
    }

    /** Proxmox's failure, kept as the deployment's last error while it is at rest. */
    private function failure(ProxmoxError $error, int $deploymentId): ServiceError
    {
        $this->rows->updateWhere($deploymentId, [Status::STOPPED, Status::RUNNING], ['last_error' => $error->getMessage()]);
        return new ServiceError(ErrorCode::PROXMOX_ERROR, $error->getMessage());
    }

    /** An expiry that won the race gets its stop step again, so the VM the action started is stopped. */
    private function changedMeanwhile(int $id): ErrorCode
    {
        // The update may change no row when the expiry just set the same values: read the status.
        $this->rows->updateWhere($id, [Status::EXPIRED], ['step' => Steps::EXPIRE_STOP, 'task_upid' => '']);
        return $this->rows->find($id)?->status === Status::EXPIRED ? ErrorCode::DEPLOYMENT_EXPIRED : ErrorCode::DEPLOYMENT_BUSY;
    }

    public static function timeoutSeconds(int $memoryMb): int
    {
        return $memoryMb > self::LARGE_MEMORY_MB ? intdiv($memoryMb, 1024) : self::MIN_TIMEOUT_SECONDS;
    }
}
