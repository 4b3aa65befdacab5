#!/usr/bin/env python3
"""PyTorch eager reference for modescope-train --bench: the same networks and the same step.

k separate generator MLPs (as a researcher would write them), one discriminator with k+1
heads (2 for gan/independent), Adam(lr, betas=(0.5, 0.999)), one D step then one G step.
The route methods (docs/ROUTES.md) as their papers' code would write them: unrolled (K = 5
Adam steps of D unrolled by hand, create_graph=True), wgan-gp (5 critic steps, penalty 10),
pacgan (packs of 2). Prints one JSON line like modescope-train --bench.
"""
import argparse
import json
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp(sizes, act):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(act())
    return nn.Sequential(*layers)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--method", default="madgan", choices=["gan", "independent", "madgan", "madgan-sim", "unrolled", "wgan-gp",
                            "pacgan"])
    p.add_argument("--unrolled-steps", type=int, default=5)
    p.add_argument("--critic-steps", type=int, default=5)
    p.add_argument("--packing", type=int, default=2)
    p.add_argument("--generators", type=int, default=4)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--dim", type=int, default=1, choices=[1, 2],
                   help="1: paper-1d's five modes; 2: grid-25's 5 x 5 grid (sd 0.05)")
    p.add_argument("--steps", type=int, default=500)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=0,
                   help="intra-op threads (0: PyTorch's default); bench/run.sh passes ModeScope's")
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    dev = torch.device(a.device)
    k = 1 if a.method in ("gan", "unrolled", "wgan-gp", "pacgan") else a.generators
    per_gen = a.method in ("madgan", "madgan-sim")
    heads = k + 1 if per_gen else (1 if a.method == "wgan-gp" else 2)
    pack = a.packing if a.method == "pacgan" else 1
    real_idx = heads - 1
    gens = nn.ModuleList([mlp([64, 128, 128, a.dim], nn.ELU) for _ in range(k)]).to(dev)
    disc_body = mlp([a.dim * pack, 128, 128, 128], lambda: nn.LeakyReLU(0.1))
    disc_body.append(nn.LeakyReLU(0.1))
    head = nn.Linear(128, heads)
    disc_body, head = disc_body.to(dev), head.to(dev)
    for m in list(gens.modules()) + list(disc_body.modules()) + [head]:
        if isinstance(m, nn.Linear):
            nn.init.xavier_normal_(m.weight)
            nn.init.zeros_(m.bias)
    d_params = list(disc_body.parameters()) + list(head.parameters())
    opt_g = torch.optim.Adam(gens.parameters(), lr=1e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d_params, lr=1e-4, betas=(0.5, 0.999))
    if a.dim == 1:
        means = torch.tensor([[10.], [20.], [60.], [80.], [110.]], device=dev)
        sds = torch.tensor([3., 3., 2., 2., 1.], device=dev)
    else:
        grid = torch.tensor([-4., -2., 0., 2., 4.], device=dev)
        means = torch.cartesian_prod(grid, grid)
        sds = torch.full((25,), 0.05, device=dev)
    B = a.batch
    fake_labels = (torch.arange(k, device=dev).repeat_interleave(B) if per_gen
                   else torch.zeros(k * B, dtype=torch.long, device=dev))
    labels = torch.cat([torch.full((B,), real_idx, device=dev), fake_labels])

    def draw(rows):
        z = torch.rand(rows, 64, device=dev) * 2 - 1
        idx = torch.randint(0, means.shape[0], (rows,), device=dev)
        return z, means[idx] + sds[idx].unsqueeze(1) * torch.randn(rows, a.dim, device=dev)

    def d_functional(params, x):
        h = x
        for i in range(0, len(params) - 2, 2):
            h = F.leaky_relu(F.linear(h, params[i], params[i + 1]), 0.1)
        return F.linear(h, params[-2], params[-1])

    def unrolled_step():
        z, real = draw(B)
        fake = gens[0](z)
        opt_d.zero_grad()
        F.cross_entropy(head(disc_body(torch.cat([real, fake.detach()]))), labels).backward()
        opt_d.step()
        # G against D unrolled K Adam steps further, through the updates (second order).
        params = [p.detach().clone().requires_grad_(True) for p in d_params]
        state = [opt_d.state[p] for p in d_params]
        m = [s_["exp_avg"] for s_ in state]
        v = [s_["exp_avg_sq"] for s_ in state]
        t0 = int(state[0]["step"])
        x = torch.cat([real, fake])
        for j in range(1, a.unrolled_steps + 1):
            loss = F.cross_entropy(d_functional(params, x), labels)
            grads = torch.autograd.grad(loss, params, create_graph=True)
            bc1, bc2 = 1 - 0.5 ** (t0 + j), 1 - 0.999 ** (t0 + j)
            m = [0.5 * mi + 0.5 * g for mi, g in zip(m, grads)]
            v = [0.999 * vi + 0.001 * g * g for vi, g in zip(v, grads)]
            params = [p - 1e-4 / bc1 * mi / ((vi + 1e-30).sqrt() / bc2 ** 0.5 + 1e-8)
                      for p, mi, vi in zip(params, m, v)]
        opt_g.zero_grad()
        (-F.log_softmax(d_functional(params, fake), -1)[:, 1].mean()).backward()
        opt_g.step()

    def wgan_step():
        for _ in range(a.critic_steps):
            z, real = draw(B)
            with torch.no_grad():
                fake = gens[0](z)
            eps = torch.rand(B, 1, device=dev)
            between = (eps * real + (1 - eps) * fake).requires_grad_(True)
            opt_d.zero_grad()
            scores = head(disc_body(torch.cat([real, fake, between])))
            grad = torch.autograd.grad(scores[2 * B:].sum(), between, create_graph=True)[0]
            penalty = ((grad.norm(2, dim=1) - 1) ** 2).mean()
            (scores[B:2 * B].mean() - scores[:B].mean() + 10 * penalty).backward()
            opt_d.step()
        z, _ = draw(B)
        opt_g.zero_grad()
        (-head(disc_body(gens[0](z))).mean()).backward()
        opt_g.step()

    def pac_step():
        z, real = draw(B * pack)
        fake = gens[0](z).view(B, -1)
        opt_d.zero_grad()
        logits = head(disc_body(torch.cat([real.view(B, -1), fake.detach()])))
        F.cross_entropy(logits, labels).backward()
        opt_d.step()
        opt_g.zero_grad()
        (-F.log_softmax(head(disc_body(fake)), -1)[:, 1].mean()).backward()
        opt_g.step()

    def step():
        z = torch.rand(B, 64, device=dev) * 2 - 1
        idx = torch.randint(0, means.shape[0], (B,), device=dev)
        real = means[idx] + sds[idx].unsqueeze(1) * torch.randn(B, a.dim, device=dev)
        fakes = [g(z) for g in gens]
        fake = torch.cat(fakes)
        opt_d.zero_grad()
        logits = head(disc_body(torch.cat([real, fake.detach()])))
        F.cross_entropy(logits, labels).backward()
        opt_d.step()
        opt_g.zero_grad()
        feats = disc_body(fake)
        logits = head(feats)
        logp = F.log_softmax(logits, -1)[:, real_idx].view(k, B)
        loss = -logp.mean(1)
        if a.method == "madgan-sim" and k > 1:
            pr = F.softmax(logits, -1)[:, real_idx].view(k, B)
            u = F.normalize(feats, dim=-1).view(k, B, -1)
            cos = torch.bmm(u.transpose(0, 1), u.detach().permute(1, 2, 0))
            v = pr.detach().t().unsqueeze(1) + 0.5 * cos - pr.t().unsqueeze(2)
            v = v * (1 - torch.eye(k, device=dev))
            loss = loss + F.relu(v).sum(2).mean(0)
        loss.sum().backward()
        opt_g.step()

    step = {"unrolled": unrolled_step, "wgan-gp": wgan_step, "pacgan": pac_step}.get(a.method, step)
    for _ in range(a.warmup):
        step()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(a.steps):
        step()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    sps = a.steps / (time.perf_counter() - t)
    print(json.dumps({"steps_per_second": round(sps, 2), "samples_per_second": round(sps * B * k),
                      "method": a.method, "generators": k, "device": a.device, "batch": B,
                      "steps": a.steps, "implementation": "pytorch-eager",
                      "threads": torch.get_num_threads(),
                      "blas_core": os.environ.get("OPENBLAS_CORETYPE", "as detected")}))


if __name__ == "__main__":
    main()
