import type { CATEGORIES } from '../schemas/process.ts';
import { addMonths } from './model/dates.ts';

/** The skeleton of a new spec, every field explained in Chinese: `npm run new` writes it, the in-browser editor starts from it. */

export type Category = (typeof CATEGORIES)[number];

export interface SkeletonOptions {
  id: string;
  category: Category;
  department: string;
  owner: string;
  title?: string;
  /** Author written in the first history entry (default: the owner role's name). */
  author: string;
  /** YYYY-MM-DD */
  today: string;
}

/** A YAML double-quoted scalar: safe for any title the user types. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** The skeleton's text. Pure: the CLI and the tests share it. */
export function renderSkeleton(o: SkeletonOptions): string {
  const title = o.title?.trim() || `待填写：流程名称（${o.id}）`;
  const stage = (key: string, zh: string, extra = '') => `  # ${zh}\n  ${key}:\n    status: planned\n${extra}`;
  return `---
# yaml-language-server: $schema=../../schemas/json/process.schema.json
# 流程标识：小写字母、数字和单个连字符（kebab-case），必须与文件名一致，创建后不要再改。
id: ${o.id}
# 流程名称（中文），显示在手册网站的标题和目录中。
title: ${quote(title)}
# 流程英文名称（可选），去掉下一行开头的 # 后填写。
# titleEn: ""
# 流程类别：business 业务流程、management 管理流程、information 信息流程；须与所在文件夹一致。
category: ${o.category}
# 归口管理部门：processes/org.yml 中 departments 的 id。
department: ${o.department}
# 流程负责人岗位：processes/org.yml 中 roles 的 id。该岗位在 GitHub 上的审批人（CODEOWNERS）须批准对本流程的每次修改。
owner: ${o.owner}
# 版本号（语义化版本 主.次.修订）：草稿阶段用 0.x.y；发布后每次修改都要升版本，并在 history 中加一条记录。
version: 0.1.0
# 状态：draft 草稿、review 评审中、published 已发布、retired 已废止。
status: draft
# 流程目标：这个流程要解决的核心问题，一两句话。
goal: 待填写：本流程要解决的核心问题。
# 一句话简介（可选），显示在流程目录中。
summary: 待填写：从哪里开始、到哪里结束的一句话简介。
# 流程范围：起点（什么事件触发流程）和终点（流程在什么状态下结束）；upstream/downstream 填上下游流程的 id。
scope:
  start: 待填写：触发流程的事件
  end: 待填写：流程结束时的状态
  upstream: []
  downstream: []
# 关键绩效指标（KPI）：target 写 比较符 + 数值 + 单位，例如 ">= 95%"、"<= 3 workdays"。用片段 kpi 可再添加一个。
kpis: []
# 流程步骤：第一个步骤是流程起点。每一步写清 谁（role）、做什么（action）、多长时间内（deadline）、产出什么（outputs）、
# 关键控制点（controls），以及下一步（next，写成列表表示并行）或决策分支（branches，每个分支写 when 条件和 to 去向）。
# 没有 next 和 branches 的步骤就是流程的终点。审批步骤（kind: approval）必须写出不同意时怎么办：用 branches，
# 每个分支写 outcome: approved（同意）或 rejected（不同意：退回修改的分支加 loop: true，否决的分支走向结束）。
# loop: true 只写在回到之前步骤的分支上；next 回到之前的步骤时（如返工后重新检验）写在该步骤上。需要不相容职务分离的步骤用 duties 写明职务（见 org.yml 的 duties）。
steps:
  - id: start
    name: 待填写：第一个步骤
    # 操作说明：这一步具体做什么、怎么做。
    action: 待填写：这一步做什么、怎么做。
    # 责任岗位（R，执行者）：org.yml 中的岗位 id。
    role: ${o.owner}
    # 时间要求，例如 即时、接收后30分钟内、2个工作日内、24小时内、每月25日。
    deadline: 1个工作日内
    # 输出成果：这一步产出的表单或文件，表单名用书名号《》。
    outputs: []
    # 关键控制点：必须检查、不可省略的事项。
    controls: []
# 异常处理预案：when 异常情形、action 处理措施、role 负责岗位、deadline 时限、step 发生在哪一步。
exceptions: []
# 流程生命周期的七个阶段，按顺序书写。status：done 已完成、in-progress 进行中、planned 计划中、skipped 跳过；
# date 为完成（或计划）日期 YYYY-MM-DD；outputs 为该阶段的输出物。
lifecycle:
${stage('define', '阶段一：明确流程目标与范围（输出《流程目标与范围说明书》）')}${stage('analyze', '阶段二：流程现状调研与分析（输出《现状调研分析报告》《当前流程图》）')}${stage('design', '阶段三：流程设计与优化（输出《未来流程图》《流程操作说明》《异常处理预案》）')}${stage('review', '阶段四：跨部门评审与修订；reviewers 为参与评审的岗位（至少一个来自其他部门），approvedBy 为签字确认的分管领导岗位（不能是流程负责人）', '    reviewers: []\n')}${stage('release', '阶段五：发布与培训；effective 为生效日期')}${stage('monitor', '阶段六：执行与监控；cadence 每月提取 KPI 对比目标，firstMonthCadence 执行首月跟踪频率，feedbackCadence 收集员工反馈频率', '    cadence: 每月\n    firstMonthCadence: 每日\n    feedbackCadence: 每季度\n')}${stage('improve', '阶段七：持续优化：每半年全面复盘一次；流程有实质变化时重复阶段三至六（重新设计、评审、发布、监控）', `    nextReview: ${addMonths(o.today, 6)}\n`)}# 修订记录：每次修改加一条，version 与上方 version 一致。修订号（如 1.0.1）只用于文字修改；流程变化升次版本或主版本，
# 并须重新经过评审与发布（lifecycle 中 design、review、release 的日期晚于上一版本）。
history:
  - version: 0.1.0
    date: ${o.today}
    author: ${quote(o.author)}
    change: 创建流程草稿。
---

## 适用范围

待填写：本流程适用于哪些情形，哪些情形不适用。

## 操作要点

待填写：执行本流程时需要特别注意的事项。
`;
}
