<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Wiring;

/**
 * The ownership proof of a user's action on a deployment's VM: the VM, located and proven to be
 * the deployment's, or a refusal with the contract's code (and the reason kept as lastError).
 */
final class OwnedVm
{
    public function __construct(
        private readonly ClientResolver $clients,
        private readonly DeploymentTable $rows,
        private readonly VmReconciler $reconciler,
    ) {
    }

    /**
     * @throws ServiceError 409 spp_vm_other_connection, spp_vm_not_owned or spp_vm_missing
     * @throws \SupportProvisioningPortal\Proxmox\ProxmoxError when Proxmox cannot be asked
     */
    public static function require(DeploymentRecord $d): VmLookup
    {
        return Wiring::ownedVm()->prove($d);
    }

    /**
     * @throws ServiceError 409 spp_vm_other_connection, spp_vm_not_owned or spp_vm_missing
     * @throws \SupportProvisioningPortal\Proxmox\ProxmoxError when Proxmox cannot be asked
     */
    public function prove(DeploymentRecord $d): VmLookup
    {
        $lookup = VmLocator::of($this->clients)->locate($d);
        if ($lookup->isOwned()) {
            $whereabouts = VmLocator::whereabouts($d, $lookup);
            if ($whereabouts !== []) {
                $this->rows->updateWhere($d->id, [$d->status], $whereabouts);
            }
            return $lookup;
        }
        $code = match ($lookup->kind) {
            VmLookup::OTHER_CONNECTION => ErrorCode::VM_OTHER_CONNECTION,
            VmLookup::NOT_OWNED => ErrorCode::VM_NOT_OWNED,
            default => ErrorCode::VM_MISSING,
        };
        if ($code !== ErrorCode::VM_OTHER_CONNECTION) {
            $this->reconciler->recordLoss($d, $lookup);
        }
        $reason = $lookup->reason();
        throw new ServiceError($code, $reason === '' ? __('This deployment has no VM.', 'support-provisioning-portal') : $reason);
    }
}
