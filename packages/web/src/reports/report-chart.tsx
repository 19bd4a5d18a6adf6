import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/**
 * The report's chart, drawn by Apache ECharts from the option the registry built (the same one its
 * PDF draws server-side). It is an image to assistive technology, named by its summary; the table
 * below it, which `describedBy` names, is its text alternative.
 */
export const ReportChart = ({ option, summary, describedBy }: { option: Record<string, unknown>; summary: string; describedBy: string }) => {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (element.current === null) return undefined;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    // The page names the chart itself (its summary); ECharts' own description would replace that name.
    chart.setOption({ ...option, aria: { enabled: false } });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return (
    <figure className="ccpor-report-chart">
      <div ref={element} role="img" aria-label={summary} aria-describedby={describedBy} className="ccpor-report-chart__canvas" data-testid="report-chart" />
      <figcaption>{summary}</figcaption>
    </figure>
  );
};
