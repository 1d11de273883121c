<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Service\VmNaming;
use SupportProvisioningPortal\Service\Worker;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentRows;
use SupportProvisioningPortal\Tests\Fakes\FixedClients;
use SupportProvisioningPortal\Tests\Fakes\FixedClock;
use SupportProvisioningPortal\Tests\Fakes\FixedWorkerSettings;
use SupportProvisioningPortal\Tests\Fakes\InMemoryDeployments;
use SupportProvisioningPortal\Tests\Fakes\NodeListPlacement;
use SupportProvisioningPortal\Tests\Fakes\RecordingAudit;
use SupportProvisioningPortal\Tests\Fakes\ScriptedLocks;
use SupportProvisioningPortal\Tests\Fakes\ScriptedProxmox;

/**
 * The worker wired to fakes: each pass() is one call of the plugin's Worker::advance(); Proxmox's
 * tasks run until finishTasks().
 */
abstract class WorkerTestCase extends TestCase
{
    protected const CONNECTION = 'pve-cluster:lab';

    protected FixedClock $clock;
    protected InMemoryDeployments $rows;
    protected ScriptedProxmox $pve;
    protected RecordingAudit $audit;
    protected ScriptedLocks $locks;
    protected NodeListPlacement $placement;
    protected FixedWorkerSettings $settings;

    protected function setUp(): void
    {
        $this->clock = new FixedClock();
        $this->rows = new InMemoryDeployments($this->clock);
        $this->pve = new ScriptedProxmox('pve1');
        $this->audit = new RecordingAudit();
        $this->locks = new ScriptedLocks();
        $this->placement = new NodeListPlacement(['pve1']);
        $this->settings = new FixedWorkerSettings();
    }

    protected function worker(?DeploymentRows $rows = null): Worker
    {
        return new Worker(
            $rows ?? $this->rows,
            new FixedClients($this->pve, self::CONNECTION),
            $this->audit,
            $this->locks,
            $this->clock,
            $this->placement,
            $this->settings,
        );
    }

    protected function pass(int $id): DeploymentRecord
    {
        $this->worker()->advanceDeployment($id);
        return $this->rows->find($id) ?? throw new \LogicException("Deployment {$id} is gone.");
    }

    /** Proxmox's running tasks end (as scripted, else OK), then the worker passes. */
    protected function afterTasks(int $id): DeploymentRecord
    {
        $this->pve->finishTasks();
        return $this->pass($id);
    }

    /** @param array<string, int|string|null> $columns */
    protected function provisioning(array $columns = []): int
    {
        return $this->rows->add($columns + ['status' => Status::PROVISIONING->value, 'step' => Steps::CLONE, 'node' => 'pve1']);
    }

    /**
     * A deployment whose VM $vmid exists and carries its marker.
     *
     * @param array<string, int|string|null> $columns
     * @param array{node?: string, lock?: ?string, protected?: bool, status?: string, snapshots?: list<string>} $vm
     */
    protected function withVm(Status $status, string $step, int $vmid = 100, array $columns = [], array $vm = []): int
    {
        $id = $this->rows->add($columns + ['status' => $status->value, 'step' => $step, 'node' => 'pve1', 'vmid' => $vmid, 'vm_connection' => self::CONNECTION]);
        $d = $this->rows->find($id) ?? throw new \LogicException('not added');
        $this->pve->putVm($vmid, $vm + ['name' => VmNaming::vmName($d), 'description' => VmNaming::description($d), 'tags' => VmNaming::tags($d)]);
        return $id;
    }

    /** @param array{node?: string, status?: string} $vm */
    protected function someoneElsesVm(int $vmid, array $vm = []): void
    {
        $this->pve->putVm($vmid, $vm + ['name' => 'build-agent', 'description' => 'not the portal\'s', 'tags' => ['ci']]);
    }

    protected function assertAt(Status $status, string $step, DeploymentRecord $d): void
    {
        self::assertSame([$status, $step], [$d->status, $d->step], "lastError: {$d->lastError}");
    }
}
